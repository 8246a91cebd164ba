package cmdline

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/internal/checktest"
)

// quoteArg quotes one argument so that Split gives it back: the inverse of the argument rules.
func quoteArg(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\"") {
		return v
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			slashes++
			continue
		case '"':
			b.WriteString(strings.Repeat(`\`, 2*slashes+1))
		default:
			b.WriteString(strings.Repeat(`\`, slashes))
		}
		slashes = 0
		b.WriteByte(v[i])
	}
	b.WriteString(strings.Repeat(`\`, 2*slashes))
	b.WriteByte('"')
	return b.String()
}

// FuzzSplit checks that splitting never panics, stays within checktest's allocation bound, that
// every argument maps into the line, and that arguments quoted by the inverse rules split back to
// themselves.
func FuzzSplit(f *testing.F) {
	for _, tt := range splitTests {
		f.Add(tt.line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		var args []Arg
		checktest.Bounded(t, len(line), func() { args = Split(value.Source([]byte(line), 0)) })
		prev := 0
		for _, a := range args {
			if a.RawStart < prev || a.RawEnd < a.RawStart || a.RawEnd > len(line) {
				t.Fatalf("Split(%q): raw span %d-%d out of order", line, a.RawStart, a.RawEnd)
			}
			prev = a.RawEnd
			for i := 0; i <= a.Value.Len(); i++ {
				if off := a.Value.Offset(i); off < 0 || off > len(line) {
					t.Fatalf("Split(%q): byte %d of %q maps to %d", line, i, a.Value.S, off)
				}
			}
		}
		if len(args) < 2 {
			return
		}
		var rebuilt []string
		for _, a := range args[1:] {
			rebuilt = append(rebuilt, quoteArg(a.Value.S))
		}
		again := Split(value.Source([]byte("p "+strings.Join(rebuilt, " ")), 0))
		if len(again) != len(args) {
			t.Fatalf("Split(%q) = %d args; quoted back as %q it gives %d", line, len(args), rebuilt, len(again))
		}
		for i := 1; i < len(args); i++ {
			if again[i].Value.S != args[i].Value.S {
				t.Fatalf("Split(%q): argument %d %q comes back as %q", line, i, args[i].Value.S, again[i].Value.S)
			}
		}
	})
}
