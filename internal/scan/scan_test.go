package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
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
		{"PL1001", "fbbbe08aa2765cc2:1", "5b694f155fa862ce:1"},
		{"PL1003", "fbbbe08aa2765cc2:1", "e27fd7f48b0137fa:1"},
	}
	if len(res.Findings) != len(want) {
		t.Fatalf("findings: %+v", res.Findings)
	}
	for i, w := range want {
		f := res.Findings[i]
		if f.Rule.ID != w.rule || f.Fingerprint != w.line || f.FindingHash != w.finding {
			t.Errorf("finding %d = %s %s %s, want %s %s %s", i, f.Rule.ID, f.Fingerprint, f.FindingHash, w.rule, w.line, w.finding)
		}
		if h := findingHashV2(f.Rule.ID, f.Privilege, f.Account, text[20:]); f.FindingHash != h+":1" {
			t.Errorf("finding %d: hash %s, but its definition gives %s", i, f.FindingHash, h)
		}
	}
}

// findingHashV2 and findingHashV1 compute the two versions of the finding hash as their
// definitions say, without the count, for the line given (which may end in its line break).
func findingHashV2(rule, right, account, line string) string {
	digest := sha256.Sum256([]byte(stripBlanks(line)))
	sum := sha256.Sum256(append([]byte(rule+"\x00"+right+"\x00"+account+"\x00"), digest[:]...))
	return hex.EncodeToString(sum[:8])
}

func findingHashV1(rule, right, account, line string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + right + "\x00" + account + "\x00" + stripBlanks(line)))
	return hex.EncodeToString(sum[:8])
}

func stripBlanks(line string) string {
	line, _, _ = strings.Cut(line, "\r")
	line, _, _ = strings.Cut(line, "\n")
	return strings.NewReplacer(" ", "", "\t", "").Replace(line)
}

// writeBaseline writes a SARIF file with one result per entry: rule, uri and partial fingerprints.
func writeBaseline(t *testing.T, path string, entries ...map[string]string) {
	t.Helper()
	var results []map[string]any
	for _, e := range entries {
		fps := map[string]string{}
		for k, v := range e {
			if strings.HasPrefix(k, "privlint") {
				fps[k] = v
			}
		}
		results = append(results, map[string]any{
			"ruleId":              e["rule"],
			"locations":           []any{map[string]any{"physicalLocation": map[string]any{"artifactLocation": map[string]any{"uri": e["uri"]}}}},
			"partialFingerprints": fps,
		})
	}
	data, err := json.Marshal(map[string]any{"runs": []any{map[string]any{"results": results}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineVersions: a baseline hides a finding by its v2 hash, or by its v1 hash when the
// baseline is from a release that wrote only v1 (those values are the ones pinned before v2).
func TestBaselineVersions(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	text := "[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web,*S-1-1-0\r\n"
	if err := os.WriteFile("GptTmpl.inf", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		entries []map[string]string
		want    []string // rules of the findings left
	}{
		{"none", nil, []string{"PL1001", "PL1003"}},
		{"v2", []map[string]string{{"rule": "PL1001", "uri": "GptTmpl.inf", report.FindingHashKey: "5b694f155fa862ce:1"}}, []string{"PL1003"}},
		{"v1", []map[string]string{{"rule": "PL1003", "uri": "GptTmpl.inf", report.FindingHashKeyV1: "7d286fd45d2557f4:1"}}, []string{"PL1001"}},
		{"both versions", []map[string]string{
			{"rule": "PL1001", "uri": "GptTmpl.inf", report.FindingHashKeyV1: "16276e00291f4084:1"},
			{"rule": "PL1003", "uri": "GptTmpl.inf", report.FindingHashKey: "e27fd7f48b0137fa:1"},
		}, nil},
		{"another file", []map[string]string{{"rule": "PL1001", "uri": "other.inf", report.FindingHashKeyV1: "16276e00291f4084:1"}}, []string{"PL1001", "PL1003"}},
		{"a v1 value under the v2 key", []map[string]string{{"rule": "PL1001", "uri": "GptTmpl.inf", report.FindingHashKey: "16276e00291f4084:1"}}, []string{"PL1001", "PL1003"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeBaseline(t, "base.sarif", tt.entries...)
			b, err := LoadBaseline("base.sarif")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), Options{Paths: []string{"GptTmpl.inf"}, Baseline: b})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
	if h := findingHashV1("PL1001", "SeImpersonatePrivilege", `CONTOSO\web`, text[20:]); h != "16276e00291f4084" {
		t.Errorf("v1 by its definition: %s", h)
	}
}

// TestBaselineV1Budget: v1 hashes cover a finding's whole line, so a file with many findings on a
// long line computes them only up to a budget; the findings past it are reported (never hidden
// by mistake) and a notification says from which line the baseline's v1 entries no longer match.
func TestBaselineV1Budget(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var b strings.Builder
	b.WriteString("[Privilege Rights]\nSeImpersonatePrivilege = first\n")
	b.WriteString("SeAssignPrimaryTokenPrivilege = ")
	const accounts = 4000 // only the first assign.MaxAccounts are read, but the line is hashed whole
	for i := range accounts {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "CONTOSO\\svc-%040d", i) // 53 bytes: a 212 KB line
	}
	b.WriteString("\n")
	text := b.String()
	if err := os.WriteFile("long.inf", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	longLine := strings.SplitN(text, "\n", 4)[2]
	writeBaseline(t, "base.sarif",
		map[string]string{"rule": "PL1001", "uri": "long.inf", report.FindingHashKeyV1: findingHashV1("PL1001", "SeImpersonatePrivilege", "first", "SeImpersonatePrivilege = first") + ":1"},
		map[string]string{"rule": "PL1002", "uri": "long.inf", report.FindingHashKeyV1: findingHashV1("PL1002", "SeAssignPrimaryTokenPrivilege", fmt.Sprintf("CONTOSO\\svc-%040d", 0), longLine) + ":1"},
		map[string]string{"rule": "PL1002", "uri": "long.inf", report.FindingHashKeyV1: findingHashV1("PL1002", "SeAssignPrimaryTokenPrivilege", fmt.Sprintf("CONTOSO\\svc-%040d", assign.MaxAccounts-1), longLine) + ":1"},
	)
	base, err := LoadBaseline("base.sarif")
	if err != nil {
		t.Fatal(err)
	}
	work := lineWork.Load()
	res, err := Run(context.Background(), Options{Paths: []string{"long.inf"}, Baseline: base})
	if err != nil {
		t.Fatal(err)
	}
	if work := lineWork.Load() - work; work > 2*v1Budget {
		t.Errorf("%d bytes examined, over the v1 budget %d", work, v1Budget)
	}
	// Hidden: the first line's finding and the long line's first; the long line's last read is past
	// the budget.
	if len(res.Findings) != assign.MaxAccounts-1 || res.Findings[0].Account != fmt.Sprintf("CONTOSO\\svc-%040d", 1) {
		t.Errorf("%d findings, the first for %s; want %d, the first for account 1", len(res.Findings), res.Findings[0].Account, assign.MaxAccounts-1)
	}
	v1 := 0 // besides the notification that the line holds more than assign.MaxAccounts accounts
	for _, n := range res.Notifications {
		if n.Line == 3 && strings.Contains(n.Message, report.FindingHashKeyV1) {
			v1++
		}
	}
	if len(res.Notifications) != 2 || v1 != 1 {
		t.Errorf("notifications %+v, want one on line 3 about v1 and one about the accounts not read", res.Notifications)
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
	got, verbatim := unifiedDiff("f", old, new)
	want := "--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+ELEVEN\n 12\n"
	if got != want || !verbatim {
		t.Errorf("diff (verbatim %v):\n%s\nwant:\n%s", verbatim, got, want)
	}
	if got, verbatim := unifiedDiff("f", []byte("a\nb\n"), []byte("a\n")); !verbatim || got != "--- a/f\n+++ b/f\n@@ -1,2 +1,1 @@\n a\n-b\n" {
		t.Errorf("removed line diff: %q, %v", got, verbatim)
	}
	// A context line the Actions runner would read as a command is escaped: not verbatim.
	if got, verbatim := unifiedDiff("f", []byte("::error::x\nb\n"), []byte("::error::x\nc\n")); verbatim || !strings.Contains(got, "\n \\x3a:error::x\n") {
		t.Errorf("escaped diff: %q, verbatim %v", got, verbatim)
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

// TestLineIndexMatchesDecoding compares positions on long lines of mixed text (ASCII, 2- to 4-byte
// characters, ill-formed bytes, CR, LF and CRLF), at every offset including those inside a
// character, with decoding the line from its start, for both line tables.
func TestLineIndexMatchesDecoding(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	pieces := []string{"a", "bc ", "Ä", "漢", "😀", "\xff", "\xe2\x82", "\xf0\x9f", "\n", "\r", "\r\n"}
	for round := range 6 {
		var b []byte
		for len(b) < 3000 {
			p := pieces[rng.Intn(len(pieces))]
			if p[0] == '\n' || p[0] == '\r' {
				if rng.Intn(1000) > 8 { // few line breaks: lines of about a kilobyte
					continue
				}
			}
			b = append(b, p...)
		}
		if round == 0 {
			b = bytes.Repeat([]byte("x"), 2000) // ASCII only
		}
		tf := token.NewFileSet().AddFile("x", -1, len(b))
		tf.SetLines(source.LineStarts(b))
		fromTok := fileLineIndex(&source.File{Text: b, Tok: tf})
		plain := NewLineIndex(b)
		starts := source.LineStarts(b)
		for off := 0; off <= len(b); off++ {
			line := sort.SearchInts(starts, off+1) - 1
			seg := b[starts[line]:off]
			want := report.Position{Line: line + 1, Col: len(seg) + 1, Col16: 1}
			for len(seg) > 0 {
				r, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				want.Col16 += len(utf16.AppendRune(nil, r))
			}
			for name, li := range map[string]*LineIndex{"token": fromTok, "plain": plain} {
				if got := li.Position(off); got != want {
					t.Fatalf("round %d, %s: Position(%d) = %+v, want %+v", round, name, off, got, want)
				}
			}
		}
	}
}
