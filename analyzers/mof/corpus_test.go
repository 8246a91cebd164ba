package mof_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/langs"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// corpusDir holds real files from public repositories beside the project (../shared/corpus); a fresh
// clone does not have it.
const corpusDir = "../../../shared/corpus"

// TestCorpusBaselineManagement reads a MOF that BaselineManagement compiled from a GPO, with mixed
// CRLF and bare-CR line ends: its Impersonate assignment is exactly the safe set, so a correct
// analysis reports nothing, and reads every user right assignment without a problem. (Its Policy
// line is 591 counting LF only; privlint also ends a line at each bare CR.)
func TestCorpusBaselineManagement(t *testing.T) {
	path := filepath.Join(corpusDir, "dsc/baselinemanagement-localhost.mof")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared corpus not present: %v", err)
	}
	res := checktest.Analyze(t, path, privgrant.Analyzer)
	for _, d := range checktest.Diagnostics(res, privgrant.Analyzer) {
		t.Errorf("unexpected finding: %s: %s", d.Category, d.Message)
	}
	file := res.Results[source.Analyzer].(*source.File)
	for _, p := range file.Problems {
		t.Errorf("unexpected problem at line %d: %s", file.Tok.Position(p.Pos).Line, p.Message)
	}
	var rights, impersonate int
	for _, a := range res.Results[langs.Analyzer(source.LangMOF)].(*assign.Result).Assignments {
		rights++
		if a.Right == "Impersonate_a_client_after_authentication" {
			impersonate++
			if a.Op != assign.Set || len(a.Accounts) != 4 || file.Tok.Position(a.Pos).Line != 693 {
				t.Errorf("Impersonate: %s of %d accounts on line %d, want a set of 4 on line 693", a.Op, len(a.Accounts), file.Tok.Position(a.Pos).Line)
			}
		}
	}
	if rights != 23 || impersonate != 1 {
		t.Errorf("read %d user right assignments (%d of Impersonate), want 23 (1)", rights, impersonate)
	}
}
