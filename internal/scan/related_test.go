package scan

import (
	"bytes"
	"context"
	"go/token"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/report"
)

// relatedINF assigns a right twice: the second assignment is a duplicate (PL2004) whose related
// location is the first.
const relatedINF = "[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\r\n; über\r\n" +
	"SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\r\n"

// TestRelatedFromTheChecker: a diagnostic's related information becomes the finding's related
// locations, in the finding's file, placed by the same line index as the finding.
func TestRelatedFromTheChecker(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("GptTmpl.inf", []byte(relatedINF), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule.ID != "PL2004" {
		t.Fatalf("findings: %+v", res.Findings)
	}
	want := []report.Related{{Path: "GptTmpl.inf", Start: report.Position{Line: 2, Col: 1, Col16: 1},
		End: report.Position{Line: 2, Col: 23, Col16: 23}, Message: "first assignment"}}
	if got := res.Findings[0].Related; len(got) != 1 || got[0] != want[0] {
		t.Errorf("related %+v, want %+v", got, want)
	}
}

// TestRelatedLeavesIdentitiesAlone: related locations take no part in a finding's identities. The
// finding hash is its definition's (rule, right, account, line), the line fingerprint GitHub's,
// and a baseline written as SARIF with the related locations hides the finding.
func TestRelatedLeavesIdentitiesAlone(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("GptTmpl.inf", []byte(relatedINF), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Paths: []string{"GptTmpl.inf"}})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Findings[0]
	if len(f.Related) == 0 {
		t.Fatal("the finding has no related location")
	}
	line := "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6"
	if h := findingHashV2(f.Rule.ID, f.Privilege, f.Account, line); f.FindingHash != h+":1" {
		t.Errorf("finding hash %s, but its definition gives %s:1", f.FindingHash, h)
	}
	if want := report.LineHashes([]byte(relatedINF))[3]; f.Fingerprint != want {
		t.Errorf("fingerprint %s, want %s", f.Fingerprint, want)
	}
	// The same finding without related locations hashes the same.
	lines := NewLineIndex([]byte(relatedINF))
	bare := f
	bare.Related = nil
	if a, b := newFindingHasher(lines, Baseline{}, f.Path).v2(&f), newFindingHasher(lines, Baseline{}, f.Path).v2(&bare); a != b || a != f.FindingHash {
		t.Errorf("hash with related %s, without %s, scanned %s", a, b, f.FindingHash)
	}

	var sarif bytes.Buffer
	if err := (report.SARIF{}).Format(&sarif, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(sarif.Bytes(), []byte(`"relatedLocations"`)) {
		t.Fatal("the baseline holds no related location")
	}
	if err := os.WriteFile("base.sarif", sarif.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBaseline("base.sarif")
	if err != nil {
		t.Fatal(err)
	}
	again, err := Run(context.Background(), Options{Paths: []string{"GptTmpl.inf"}, Baseline: b})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Findings) != 0 || again.BaselineUnmatched != 0 {
		t.Errorf("with the baseline: findings %+v, %d entries unmatched", again.Findings, again.BaselineUnmatched)
	}
}

// TestRelatedOutsideTheFile: related information at a position of another file is left out, not
// placed in this one; an end outside the file or before the start is the start.
func TestRelatedOutsideTheFile(t *testing.T) {
	fset := token.NewFileSet()
	fset.AddFile("other.ps1", -1, 50)
	text := "a\nbcd\n"
	f := &source.File{Name: "x.ps1", Text: []byte(text)}
	f.Tok = fset.AddFile("x.ps1", -1, len(text))
	f.Tok.SetLines(source.LineStarts(f.Text))
	at := func(off int) token.Pos { return f.Tok.Pos(off) }
	got := related(f, fileLineIndex(f), "x.ps1", []analysis.RelatedInformation{
		{Pos: token.Pos(10), End: token.Pos(12), Message: "in other.ps1"},
		{Pos: at(2), End: at(5), Message: "call of b"},
		{Pos: at(3), End: token.Pos(f.Tok.Base() + len(text) + 40), Message: "end elsewhere"},
		{Pos: at(4), End: at(2), Message: "end before"},
	})
	want := []report.Related{
		{Path: "x.ps1", Start: report.Position{Line: 2, Col: 1, Col16: 1}, End: report.Position{Line: 2, Col: 4, Col16: 4}, Message: "call of b"},
		{Path: "x.ps1", Start: report.Position{Line: 2, Col: 2, Col16: 2}, End: report.Position{Line: 2, Col: 2, Col16: 2}, Message: "end elsewhere"},
		{Path: "x.ps1", Start: report.Position{Line: 2, Col: 3, Col16: 3}, End: report.Position{Line: 2, Col: 3, Col16: 3}, Message: "end before"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("related\n%+v\nwant\n%+v", got, want)
	}
}
