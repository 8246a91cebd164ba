package shell

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzShell runs the shell extractor over arbitrary text: no panic, allocations within checktest's
// bound, and every assignment, account and problem inside the file.
func FuzzShell(f *testing.F) {
	for _, tt := range limitTests {
		if len(tt.script) < 4096 {
			f.Add(tt.script)
		}
	}
	f.Add("for u in a 'b c' $V; do ntrights +r SeImpersonatePrivilege -u \"$u\"; done\n")
	f.Add("D=CONTOSO\nU=\"$D\\\\svc\"\nsudo wine ntrights.exe +r SeImpersonatePrivilege -u \"$U\"\n")
	f.Add("cat <<EOF > t.inf\n[Privilege Rights]\nSeImpersonatePrivilege = $U\nEOF\n")
	f.Add("ssh host <<'EOF'\neditrights -a SeImpersonatePrivilege -u x\nEOF\n")
	f.Add("bash -c 'cmd /c \"ntrights +r SeImpersonatePrivilege -u y\"'\n")
	f.Add("s=x\n" + strings.Repeat("s+=$s$s\n", 16) + "for a in $s; do for b in $s; do echo $a$b; done; done\n")
	f.Fuzz(func(t *testing.T, text string) {
		file := checktest.NewFile("f.sh", source.LangShell, text)
		var out []assign.Assignment
		checktest.Bounded(t, len(text), func() { out = Extract(file) })
		checktest.CheckInside(t, file, out)
	})
}
