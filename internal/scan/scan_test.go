package scan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/internal/report"
)

// TestFingerprintsArePinned keeps the identities GitHub and baselines use stable across releases:
// changing how they are computed re-opens every alert. Update the values only on purpose.
func TestFingerprintsArePinned(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	text := "[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web,*S-1-1-0\r\n"
	if err := os.WriteFile("GptTmpl.inf", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ rule, line, finding string }{
		{"PL1001", "fbbbe08aa2765cc2:1", "16276e00291f4084:1"},
		{"PL1003", "fbbbe08aa2765cc2:1", "7d286fd45d2557f4:1"},
	}
	if len(res.Findings) != len(want) {
		t.Fatalf("findings: %+v", res.Findings)
	}
	for i, w := range want {
		f := res.Findings[i]
		if f.Rule.ID != w.rule || f.Fingerprint != w.line || f.FindingHash != w.finding {
			t.Errorf("finding %d = %s %s %s, want %s %s %s", i, f.Rule.ID, f.Fingerprint, f.FindingHash, w.rule, w.line, w.finding)
		}
	}
}

func TestLineIndex(t *testing.T) {
	li := NewLineIndex([]byte("ab\r\nÄ😀x\rz"))
	tests := []struct {
		off  int
		want report.Position
	}{
		{0, report.Position{Line: 1, Col: 1, Col16: 1}},
		{2, report.Position{Line: 1, Col: 3, Col16: 3}},
		{4, report.Position{Line: 2, Col: 1, Col16: 1}},
		{6, report.Position{Line: 2, Col: 3, Col16: 2}},  // after Ä: 2 bytes, 1 code unit
		{10, report.Position{Line: 2, Col: 7, Col16: 4}}, // after 😀: 4 bytes, 2 code units
		{12, report.Position{Line: 3, Col: 1, Col16: 1}},
		{99, report.Position{Line: 3, Col: 2, Col16: 2}},
	}
	for _, tt := range tests {
		if got := li.Position(tt.off); got != tt.want {
			t.Errorf("Position(%d) = %+v, want %+v", tt.off, got, tt.want)
		}
	}
}

func TestUnifiedDiff(t *testing.T) {
	old := []byte("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n")
	new := []byte("1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\nELEVEN\n12\n")
	var b bytes.Buffer
	if err := unifiedDiff(&b, "f", old, new); err != nil {
		t.Fatal(err)
	}
	want := "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+ELEVEN\n 12\n"
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := unifiedDiff(&b, "f", []byte("a\nb\n"), []byte("a\n")); err != nil || b.String() != "--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n a\n-b\n" {
		t.Errorf("removed line diff: %q, %v", b.String(), err)
	}
}

func TestLoadBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"notjson": "[Privilege Rights]", "norun": `{"runs": []}`} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadBaseline(p); err == nil {
			t.Errorf("LoadBaseline(%s) accepted it", name)
		}
	}
}
