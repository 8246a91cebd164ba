package assign

import (
	"strings"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// AccountOf returns the account t names in f: its text, where it is written, and which parts of it
// are known only at run time. Those parts read as they are written in the file (a variable
// reference, an interpolation; for embedded text, as the outermost file writes them: see
// source.File.Written), whatever placeholder the evaluator put in t. When the evaluator followed a
// reference to a value set elsewhere (%USER% set from %~2), Origin says what it was set from. It
// sets no removal edit.
func AccountOf(f *source.File, t value.Text) Account {
	start, end := t.Span(0, t.Len())
	acc := Account{Text: t.S, Pos: f.Pos(start), End: f.Pos(end)}
	rt := t.Runtime()
	if rt == nil {
		return acc
	}
	var b strings.Builder
	at, followed := 0, false
	for _, s := range rt {
		b.WriteString(t.S[at:s.Start])
		lo, hi := t.Span(s.Start, s.End)
		from := b.Len()
		if w, ok := f.Written(lo, hi, value.MaxUnresolved); ok && !spread(t, s, lo, hi) {
			b.WriteString(w)
			followed = followed || !sameRef(w, t.S[s.Start:s.End])
		} else {
			b.WriteString(t.S[s.Start:s.End])
		}
		acc.Runtime = append(acc.Runtime, value.Span{Start: from, End: b.Len()})
		at = s.End
	}
	b.WriteString(t.S[at:])
	acc.Text, acc.Unresolved = b.String(), true
	if len(acc.Runtime) == 1 {
		// In batch and shell the argument is the one the value was set from when the evaluator
		// followed a reference (%U% set from %~2; a label's %1 bound to the script's own %2 by its
		// call), else the one written: a %1 that a call bound to a value of its own is no argument
		// of the script. Elsewhere $1 is no script argument (a Ruby match), and only the written
		// reference counts.
		r, arg := acc.Runtime[0], acc.Text[acc.Runtime[0].Start:acc.Runtime[0].End]
		if followed && (f.Lang == source.LangBatch || f.Lang == source.LangShell) {
			arg = t.S[rt[0].Start:rt[0].End]
		}
		if n := positional(arg); n > 0 {
			acc.Param = &Param{Param: value.Param{Index: n}, Span: r}
		}
	}
	if followed {
		acc.Origin = "set from " + t.S + argument(t.S)
	}
	return acc
}

// spread reports whether the written bytes beside part s of t come from the same source span
// [lo, hi) as s: the whole value was read through one reference ($a holding "$env:USERDOMAIN\svc"),
// so the source there is not the part's own text.
func spread(t value.Text, s value.Span, lo, hi int) bool {
	for _, i := range []int{s.Start - 1, s.End} {
		if i >= 0 && i < t.Len() && !t.UnresolvedAt(i) {
			if a, b := t.ByteSpan(i); a < hi && lo < b {
				return true
			}
		}
	}
	return false
}

// sameRef reports whether written and value are one reference: equal but for the sigils, quotes
// and braces an evaluator may rewrite ("$U" and $U, ${U} and $U, #{x} and ${x}).
func sameRef(written, value string) bool {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune("\"'{}$#%@", r) {
				return -1
			}
			return r
		}, s)
	}
	return norm(written) == norm(value)
}

// positional returns n for a script's positional argument written as %n, %~n (with modifiers such
// as %~dp1 left out: they make a path of it), $n or ${n}, n from 1 to 9; 0 for anything else.
func positional(w string) int {
	switch {
	case len(w) == 2 && (w[0] == '%' || w[0] == '$'):
		w = w[1:]
	case len(w) == 3 && w[:2] == "%~":
		w = w[2:]
	case len(w) == 4 && w[:2] == "${" && w[3] == '}':
		w = w[2:3]
	default:
		return 0
	}
	if w[0] >= '1' && w[0] <= '9' {
		return int(w[0] - '0')
	}
	return 0
}

// ordinals name the positional arguments a script reads as %1-%9 or $1-$9.
var ordinals = [...]string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}

// argument describes a value that is a script's positional argument (%~2, %2, $2, ${2}, %*, $@,
// $*), as ", the script's second argument"; "" for any other value.
func argument(v string) string {
	switch v {
	case "%*", "$@", "$*":
		return ", the script's arguments"
	}
	s := strings.TrimPrefix(strings.TrimPrefix(v, "%"), "$")
	if len(s) == len(v) {
		return ""
	}
	s = strings.TrimPrefix(strings.Trim(s, "{}"), "~")
	if len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		return ", the script's " + ordinals[s[0]-'1'] + " argument"
	}
	return ""
}
