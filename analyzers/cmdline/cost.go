package cmdline

import (
	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/source"
)

// What evaluation costs against a file's budget (source.File.Charge), in bytes. An analysis
// allocates per token about as much as per byte, tens to hundreds of bytes for each, so work that
// is repeated or built (a loop body, a nested command string, an expanded value split into words)
// is charged per token as well as per byte: about a sixteenth of what it allocates, which keeps
// a file's allocations in proportion to its budget.
const (
	// RunCost is one run of a value's mapping (value.Text.Runs).
	RunCost = 16
	// TokenCost is one token of text to analyze: a word, an argument, a field.
	TokenCost = 16
)

// Size is what a value built costs: its bytes and its mapping.
func Size(t value.Text) int { return t.Len() + RunCost*t.Runs() }

// TextCost is what analyzing text in another language costs: its bytes and its tokens, counted
// as the separators between them.
func TextCost(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', ',', ';', '&', '|', '(', ')', '=':
			n += TokenCost
		}
	}
	return n
}

// Spend charges n bytes of work at offset off of f. Unlike a value, work may be larger than
// value.MaxValue: it is charged in parts. It returns false once the budget is spent.
func Spend(f *source.File, off, n int) bool {
	for ; n > value.MaxValue; n -= value.MaxValue {
		if !f.Charge(off, value.MaxValue) {
			return false
		}
	}
	return f.Charge(off, n)
}
