package source

import (
	"bytes"
	"encoding/base64"
	"math/rand"
	"strings"
	"testing"

	"github.com/privlint/privlint/rules"
)

func TestMayGrant(t *testing.T) {
	ps := "Grant-CPrivilege -Identity x -Privilege SeImpersonatePrivilege"
	encoded := base64.StdEncoding.EncodeToString(utf16le("$r='SeImpersonatePrivilege'; ntrights +r $r -u x"))
	tests := []struct {
		text string
		want bool
	}{
		{"[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0", true},
		{"SEIMPERSONATEPRIVILEGE=x", true},
		{"seassignprimarytokenprivilege", true},
		{"SeImpresonatePrivelege", false}, // two edits, neither word intact: a documented blind spot
		{"SeImpersonatePrivelege", true},
		{"SeAsignPrimaryTokenPrivilge", true},
		{"Policy = 'Replace_a_process_level_token'", true},
		{"- name: Replace a process-level token", true},
		{"ntrights.exe +r %RIGHT% -u x", true},
		{"editrights -a $R -u x", true},
		{"[DllImport] LsaAddAccountRights(", true},
		{"powershell -EncodedCommand AAAA", true},
		{"powershell -e " + encoded, true},
		{"# privlint:ignore PL1001 -- r", true},
		{"just a readme about Windows", false},
		{"", false},
		{ps, true},
	}
	for _, tt := range tests {
		for _, form := range []struct {
			name string
			raw  []byte
		}{{"utf8", []byte(tt.text)}, {"utf16le", utf16le(tt.text)}, {"utf16be", utf16be(tt.text)}, {"utf16le bom", append([]byte{0xFF, 0xFE}, utf16le(tt.text)...)}} {
			if strings.Contains(tt.text, encoded) && form.name != "utf8" {
				continue // base64 payloads are ASCII text in the outer file
			}
			if got := MayGrant(form.raw); got != tt.want {
				t.Errorf("MayGrant(%s %q) = %v, want %v", form.name, tt.text, got, tt.want)
			}
		}
	}
}

// TestBase64Forms checks that every alignment of a keyword inside a longer base64 payload is found.
func TestBase64Forms(t *testing.T) {
	for pad := 0; pad < 6; pad++ {
		text := strings.Repeat("x", pad) + "SeAssignPrimaryTokenPrivilege" + strings.Repeat("y", pad)
		payload := base64.StdEncoding.EncodeToString(utf16le(text))
		if !MayGrant([]byte("pwsh -enc " + payload)) {
			t.Errorf("keyword at offset %d of an encoded command not found", pad)
		}
	}
}

func FuzzMayGrant(f *testing.F) {
	f.Add([]byte("SeImpersonatePrivilege"), 3)
	f.Add(utf16le("x privilege"), 0)
	f.Fuzz(func(t *testing.T, raw []byte, cut int) {
		got := MayGrant(raw)
		// Inserting a keyword anywhere makes any content a candidate.
		cut = min(max(cut, 0), len(raw))
		with := append(append(append([]byte(nil), raw[:cut]...), " privilege "...), raw[cut:]...)
		if !MayGrant(with) {
			t.Fatalf("keyword inserted at %d not found", cut)
		}
		// Both loops find the same keywords, in any encoding the bytes hold.
		for _, b := range [][]byte{raw, with, utf16le(string(with))} {
			if filter.matchPairs(b) != filter.matchAnchors(b) {
				t.Fatalf("the pair loop says %v, the anchor loop %v: %q", filter.matchPairs(b), filter.matchAnchors(b), b)
			}
		}
		// The answer never depends on bytes around a plain-ASCII file that has no keyword.
		if !got && bytes.Equal(bytes.ToLower(raw), raw) && bytes.Contains(raw, []byte("privilege")) {
			t.Fatalf("missed a lower-case keyword")
		}
	})
}

// TestPrefilterOfSet: a scan's prefilter finds every spelling of every right it checks, in UTF-8
// and UTF-16, and the display names of rights it does not check pass only where another keyword
// is.
func TestPrefilterOfSet(t *testing.T) {
	all, token := NewPrefilter(rules.All), NewPrefilter(rules.Token)
	for _, r := range rules.All.Rights() {
		for _, name := range []string{r.String(), r.DisplayName(), r.DSCPolicy()} {
			line := "  - name: " + name + "\n"
			if !all.MayGrant([]byte(line)) || !all.MayGrant(utf16le(line)) {
				t.Errorf("the prefilter of every right misses %q", name)
			}
			if r.Pack() == rules.PackDangerous && name == r.DisplayName() && token.MayGrant([]byte(line)) {
				t.Errorf("the token rights' prefilter passes %q", name)
			}
		}
	}
	custom, err := rules.Define(rules.Custom{Constant: "SeFrobnicateRight", Names: []string{"Frobnicate the widget"}, CSP: "FrobnicateTheWidget"})
	if err != nil {
		t.Fatal(err)
	}
	p := NewPrefilter(rules.NewSet([]rules.Right{custom}))
	for _, text := range []string{"sefrobnicateright = x", "Policy: Frobnicate the Widget", "userrights_frobnicatethewidget"} {
		if !p.MayGrant([]byte(text)) || token.MayGrant([]byte(text)) {
			t.Errorf("%q: the defined right's prefilter %v, the token rights' %v", text, p.MayGrant([]byte(text)), token.MayGrant([]byte(text)))
		}
	}
}

func BenchmarkMayGrant(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("the quick brown fox jumps over lazy dog service account user group policy configure install " +
		"windows server registry value path name token process right assign add remove set privacy vivid")
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString(words[rng.Intn(len(words))])
		sb.WriteByte(" \n"[rng.Intn(2)])
	}
	text := []byte(sb.String())
	for _, set := range []struct {
		name string
		set  *rules.Set
	}{{"token", rules.Token}, {"all", rules.All}} {
		p := NewPrefilter(set.set)
		for _, form := range []struct {
			name string
			raw  []byte
		}{{"utf8", text}, {"utf16le", utf16le(sb.String())}} {
			b.Run(set.name+"/"+form.name, func(b *testing.B) {
				b.SetBytes(int64(len(form.raw)))
				b.ReportAllocs()
				for b.Loop() {
					if p.MayGrant(form.raw) {
						b.Fatal("false positive")
					}
				}
			})
		}
	}
}
