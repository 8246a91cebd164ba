package mof

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

func testFile(text string) *source.File {
	return newFile("localhost.mof", source.LangMOF, text)
}

// FuzzMOF runs the lexer, the parser and the extraction over arbitrary text: they must not panic,
// and every string character, assignment, account, edit and problem must lie in the text.
func FuzzMOF(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	f.Add("instance of MSFT_UserRightsAssignment { Identity = {\"a,b\", \"\", \"c\"}; Policy = \"Impersonate_a_client_after_authentication\"; Force = True; Ensure = \"Absent\"; };")
	f.Add("instance of Carbon_Privilege { Identity = \"x\"; Privilege = {\"SeImpersonatePrivilege\"}; };")
	f.Add("instance of MSFT_ScriptResource { SetScript = \"ntrights +r SeImpersonatePrivilege -u \\\"a\\\"\"; };")
	f.Fuzz(func(t *testing.T, text string) {
		toks, _ := Lex([]byte(text))
		for _, tok := range toks {
			for i := 0; i <= tok.Value.Len(); i++ {
				if off := tok.Value.Offset(i); tok.Kind == String && (off < 0 || off > len(text)) {
					t.Fatalf("character %d of %q maps to %d", i, tok.Value.S, off)
				}
			}
		}
		file := testFile(text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}
