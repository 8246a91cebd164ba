package report

import (
	"math/rand"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// The expected values are the test vectors of github/codeql-action (src/fingerprints.test.ts), the
// upload action whose computation LineHashes reproduces.
func TestLineHashesCodeQLActionVectors(t *testing.T) {
	hello := []string{
		"e9496ae3ebfced30:1",
		"fb7c023a8b9ccb3f:1",
		"ce8ba1a563dcdaca:1",
		"e20e36e16fcb0cc8:1",
		"b3edc88f2938467e:1",
		"c8e28b0b4002a3a0:1",
		"c129715d7a2bc9a3:1",
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"c129715d7a2bc9a3:1"}},
		{"spaces and tabs", " a\nb\n  \t\tc\n d", []string{
			"271789c17abda88f:1",
			"54703d4cd895b18:1",
			"180aee12dab6264:1",
			"a23a3dc5e078b07b:1",
		}},
		{"no final newline", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
			"8b7cf3e952e7aeb2:1",
			"b1ae1287ec4718d9:1",
			"bff680108adb0fcc:1",
			"c6805c5e1288b612:1",
			"b86d3392aea1be30:1",
			"e6ceba753e1a442:1",
		}},
		{"LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", hello},
		{"CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", hello},
		{"CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", hello},
		{"mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", hello},
		{"repeated line", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
			"a7f2ff13bc495cf2:1",
			"a7f2ff13bc495cf2:2",
			"a7f2ff13bc495cf2:3",
			"a7f2ff13bc495cf2:4",
			"a7f2ff13bc495cf2:5",
			"a7f2ff13bc495cf2:6",
			"a7f2ff1481e87703:1",
			"a9cf91f7bbf1862b:1",
			"55ec222b86bcae53:1",
			"cc97dc7b1d7d8f7b:1",
			"c129715d7a2bc9a3:1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LineHashes([]byte(tt.text)); !slices.Equal(got, tt.want) {
				t.Errorf("LineHashes(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// naiveLineHashes computes the same values the slow way, straight from the definition: the kept
// characters in a list, each line's hash summed over the 100 that follow its start.
func naiveLineHashes(text string) []string {
	var kept []uint64
	var starts []int
	lineStart, prevCR := true, false
	units := append(utf16.Encode([]rune(text)), 0xFFFF)
	for _, u := range units {
		c := uint64(u)
		if c == ' ' || c == '\t' || (prevCR && c == '\n') {
			prevCR = false
			continue
		}
		prevCR = c == '\r'
		if prevCR {
			c = '\n'
		}
		if lineStart {
			starts = append(starts, len(kept))
		}
		lineStart = c == '\n'
		kept = append(kept, c)
	}
	counts := map[string]int{}
	var out []string
	for _, s := range starts {
		var h uint64
		for i := range 100 {
			var c uint64
			if s+i < len(kept) {
				c = kept[s+i]
			}
			h = 37*h + c
		}
		hex := strconv.FormatUint(h, 16)
		counts[hex]++
		out = append(out, hex+":"+strconv.Itoa(counts[hex]))
	}
	return out
}

func TestLineHashesMatchDefinition(t *testing.T) {
	long := strings.Repeat("SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20\n", 7)
	for _, text := range []string{
		"a",
		"a\n",
		"\n\n\n",
		"\r\n\r\n",
		"\r \n",
		"\t\t\n   \n",
		"[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,CONTOSO\\Jürgen\n",
		"ünïcödé 𝒜𝒜𝒜 and 漢字\r\nnext",
		"\ufeff[Unicode]\r\nUnicode=yes\r\n",
		long,
		long + long[:30],
	} {
		got, want := LineHashes([]byte(text)), naiveLineHashes(text)
		if !slices.Equal(got, want) {
			t.Errorf("LineHashes(%q)\n got %q\nwant %q", text, got, want)
		}
		if lines := len(regexp.MustCompile(`\r\n|\r|\n`).Split(text, -1)); len(got) != lines {
			t.Errorf("LineHashes(%q) gave %d hashes for %d lines", text, len(got), lines)
		}
	}
}

func TestLineHashesInvariants(t *testing.T) {
	base := LineHashes([]byte("a = 1\nb = 2\n"))
	for _, text := range []string{
		"  a = 1\n\tb = 2\n",   // indentation
		"a=1\nb=2\n",           // spaces inside a line
		"a = 1\r\nb = 2\r\n",   // CRLF
		"a = 1\rb = 2\r",       // CR
		"a = 1 \t\nb = 2  \n ", // trailing blanks, and blanks after the last line break
	} {
		if got := LineHashes([]byte(text)); !slices.Equal(got, base) {
			t.Errorf("LineHashes(%q) = %q, want the same as without the change: %q", text, got, base)
		}
	}
	if a, b := LineHashes([]byte("x\ny\n")), LineHashes([]byte("x\nz\n")); a[0] == b[0] {
		t.Errorf("a later line within the window does not change the hash: %q", a[0])
	}
}

// The action decodes with a WHATWG decoder: one U+FFFD per maximal ill-formed subpart.
func TestLineHashesInvalidUTF8(t *testing.T) {
	tests := []struct{ raw, decoded string }{
		{"caf\xe9 = 1\n", "caf\ufffd = 1\n"},                         // Windows-1252 é, alone
		{"\xe9\x80 = 1\n", "\ufffd = 1\n"},                           // é€: a truncated 3-byte sequence
		{"\xed\xa0\x80 = 1\n", "\ufffd\ufffd\ufffd = 1\n"},           // an encoded surrogate
		{"\xf0\x9f\x98 = 1\n", "\ufffd = 1\n"},                       // a truncated 4-byte sequence
		{"\xff\xfeS\x00e\x00\n\x00", "\ufffd\ufffdS\x00e\x00\n\x00"}, // UTF-16LE read as UTF-8
	}
	for _, tt := range tests {
		if got, want := LineHashes([]byte(tt.raw)), LineHashes([]byte(tt.decoded)); !slices.Equal(got, want) {
			t.Errorf("LineHashes(%q) = %q, want %q (as for %q)", tt.raw, got, want, tt.decoded)
		}
	}
}

// LineHashesAt gives, for any set of lines, exactly LineHashes' values, counts included.
func TestLineHashesAt(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	repeated := strings.Repeat("Lorem ipsum dolor sit amet.\n", 10)
	for _, text := range []string{"", "a", "a\n", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r End\r\n", repeated, repeated + "x\n" + repeated} {
		all := LineHashes([]byte(text))
		for range 20 {
			var lines []int
			for l := 1; l <= len(all)+2; l++ {
				if rng.Intn(3) == 0 {
					lines = append(lines, l)
				}
			}
			got := LineHashesAt([]byte(text), lines)
			for i, l := range lines {
				want := ""
				if l <= len(all) {
					want = all[l-1]
				}
				if got[i] != want {
					t.Errorf("LineHashesAt(%q, %v)[%d] (line %d) = %q, want %q", text, lines, i, l, got[i], want)
				}
			}
		}
	}
}
