package powershell

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzLex lexes arbitrary text in both modes: no panic, tokens in order and inside the text,
// every token but EOF non-empty.
func FuzzLex(f *testing.F) {
	for _, tt := range lexTests {
		f.Add(tt.src)
	}
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, mode := range []Mode{ModeArg, ModeExpr} {
			var toks []Token
			var problems []Problem
			checktest.Bounded(t, len(src), func() { toks, problems = lexAll([]byte(src), 0, len(src), mode) })
			checkTokens(t, src, toks)
			for _, p := range problems {
				if p.Offset < 0 || p.Offset > len(src) {
					t.Fatalf("problem %q at %d outside the text", p.Message, p.Offset)
				}
			}
		}
	})
}

func checkTokens(t *testing.T, src string, toks []Token) {
	t.Helper()
	if len(toks) == 0 || toks[len(toks)-1].Kind != EOF {
		t.Fatalf("no EOF token")
	}
	at := 0
	for i, k := range toks {
		if k.Start < at || k.End < k.Start || k.End > len(src) {
			t.Fatalf("token %d %s spans [%d, %d) after %d in %d bytes", i, k.Kind, k.Start, k.End, at, len(src))
		}
		if k.Kind != EOF && k.End == k.Start {
			t.Fatalf("token %d %s is empty at %d", i, k.Kind, k.Start)
		}
		if k.Kind == EOF && k.Start != len(src) {
			t.Fatalf("EOF at %d, not at the end (%d)", k.Start, len(src))
		}
		switch k.Kind {
		case StringSQ, StringDQ, HereSQ, HereDQ, Word, StopParsing:
			if k.ContentStart < k.Start || k.ContentEnd < k.ContentStart || k.ContentEnd > k.End {
				t.Fatalf("token %d %s content [%d, %d) outside [%d, %d)", i, k.Kind, k.ContentStart, k.ContentEnd, k.Start, k.End)
			}
			if k.Verbatim && k.Value != src[k.ContentStart:k.ContentEnd] && utf8.ValidString(src) {
				t.Fatalf("token %d %s is verbatim but its value %q is not its content %q", i, k.Kind, k.Value, src[k.ContentStart:k.ContentEnd])
			}
		}
		for _, p := range k.Parts {
			if p.Start < k.Start || p.End < p.Start || p.End > k.End {
				t.Fatalf("token %d %s part [%d, %d) outside [%d, %d)", i, k.Kind, p.Start, p.End, k.Start, k.End)
			}
		}
		at = k.End
	}
}

// FuzzParse parses and extracts arbitrary text: no panic, every node and problem inside the text,
// every assignment positioned in the file.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.src)
	}
	for _, tt := range paramAttrTests {
		f.Add(tt.src)
	}
	for _, tt := range extractTests {
		f.Add(tt.src)
	}
	for _, tt := range lexTests {
		f.Add(tt.src)
	}
	for _, bad := range recoveryTests {
		f.Add(bad + "\nGrant-CPrivilege -Identity a -Privilege SeImpersonatePrivilege")
	}
	f.Fuzz(func(t *testing.T, src string) {
		var b *Block
		var problems []Problem
		checktest.Bounded(t, len(src), func() { b, problems = parse([]byte(src), 0, len(src)) })
		checkSpans(t, src, b)
		for _, p := range problems {
			if p.Offset < 0 || p.Offset > len(src) {
				t.Fatalf("problem %q at %d outside the text", p.Message, p.Offset)
			}
		}
		file := newFile(src)
		var as []assign.Assignment
		checktest.Bounded(t, len(src), func() { as = Extract(file, 0, len(src)) })
		checkAssignments(t, len(src), file.Tok.Base(), as)
	})
}

// checkAssignments fails t when an assignment, account or removal lies outside the file of size
// bytes whose positions start at base.
func checkAssignments(t *testing.T, size, base int, as []assign.Assignment) {
	t.Helper()
	in := func(p int) bool { return p >= base && p <= base+size }
	for _, a := range as {
		if !in(int(a.Pos)) || !in(int(a.End)) || a.End < a.Pos {
			t.Fatalf("assignment of %q at [%d, %d) outside the file", a.Right, a.Pos, a.End)
		}
		for _, acc := range a.Accounts {
			if !in(int(acc.Pos)) || !in(int(acc.End)) || acc.End < acc.Pos {
				t.Fatalf("account %q at [%d, %d) outside the file", acc.Text, acc.Pos, acc.End)
			}
			for _, e := range acc.Remove {
				if !in(int(e.Pos)) || !in(int(e.End)) || e.End < e.Pos {
					t.Fatalf("removal of %q at [%d, %d) outside the file", acc.Text, e.Pos, e.End)
				}
			}
		}
	}
}

// FuzzExtract extracts arbitrary text, seeded with scripts that build values out of proportion to
// their size: the analysis stays within its allocation bound, every assignment lies in the file,
// and each limit of the file's budget is reported at most once.
func FuzzExtract(f *testing.F) {
	for _, tt := range hostileTests() {
		if len(tt.src) <= 16<<10 {
			f.Add(tt.src + literalGrant)
		}
	}
	for _, tt := range extractTests {
		f.Add(tt.src)
	}
	for _, tt := range flowTests {
		f.Add(tt.src)
	}
	for _, tt := range callGraphTests() {
		f.Add(tt.src + literalGrant)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := newFile(src)
		var as []assign.Assignment
		checktest.Bounded(t, len(src), func() { as = Extract(file, 0, len(src)) })
		checkAssignments(t, len(src), file.Tok.Base(), as)
		for _, a := range as {
			for _, acc := range a.Accounts {
				for _, st := range acc.Flow {
					if s, e := int(st.Pos)-file.Tok.Base(), int(st.End)-file.Tok.Base(); s < 0 || e < s || e > len(src) {
						t.Fatalf("flow step %q spans [%d, %d) outside %d bytes", st.What, s, e, len(src))
					}
				}
			}
		}
		seen := map[string]bool{}
		for _, p := range file.Problems {
			if strings.Contains(p.Message, "limit of one value") || strings.Contains(p.Message, "evaluation budget") {
				if seen[p.Message] {
					t.Fatalf("%q reported twice", p.Message)
				}
				seen[p.Message] = true
			}
		}
	})
}
