package powershell

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

func newFile(text string) *source.File {
	return newNamedFile("test.ps1", source.LangPowerShell, text)
}

// describe renders assignments compactly: op Right@offset[accounts] via, one per line.
func describe(f *source.File, as []assign.Assignment) string {
	var lines []string
	for _, a := range as {
		var accs []string
		for _, acc := range a.Accounts {
			s := fmt.Sprintf("%q@%d", acc.Text, int(acc.Pos)-f.Tok.Base())
			if acc.Unresolved {
				s += "?"
			}
			if acc.Remove != nil {
				s += fmt.Sprintf("-[%d,%d)", int(acc.Remove[0].Pos)-f.Tok.Base(), int(acc.Remove[0].End)-f.Tok.Base())
			}
			accs = append(accs, s)
		}
		line := fmt.Sprintf("%s %s@%d [%s] via %s", a.Op, a.Right, int(a.Pos)-f.Tok.Base(), strings.Join(accs, " "), a.Via)
		if a.Scope != "" {
			line += " scope " + a.Scope
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
