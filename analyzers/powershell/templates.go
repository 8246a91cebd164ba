package powershell

import (
	"go/token"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/inf"
)

// template reads a string holding a security template's [Privilege Rights] section, at its place
// in the file. Accounts written as variables in an expandable string are resolved or left
// unresolved.
func (w *walker) template(lit *StringLit) { w.templateWith(lit, pv{}, false) }

// templateFormatted reads a template string filled in by the -f operator with args: a format
// item in an account ({0}) is the argument it names when that is a known string, and known only
// at run time otherwise.
func (w *walker) templateFormatted(lit *StringLit, args pv) { w.templateWith(lit, args, true) }

// templateWith reads a template string; args, when formatted, are the -f arguments that fill its
// format items. A template in a function is read once per call followed (walker.call), with the
// call's arguments.
func (w *walker) templateWith(lit *StringLit, argv pv, formatted bool) {
	var args []value.Value
	if formatted {
		args = rawItems(argv.Value)
	}
	switch lit.Tok.Kind {
	case StringSQ, StringDQ, HereSQ, HereDQ:
	default:
		return
	}
	if lit.Tok.End == lit.Tok.ContentEnd { // unterminated: where it ends is a guess
		return
	}
	done := [2]int{lit.start, w.calls.walk}
	if w.done[done] || !mayBeTemplate(lit.Tok) {
		return
	}
	w.done[done] = true
	as := inf.Extract(w.f, lit.Tok.ContentStart, lit.Tok.ContentEnd)
	for i := range as {
		for j := range as[i].Accounts {
			acc := &as[i].Accounts[j]
			w.expandAccount(acc, lit)
			switch {
			case !formatted || !w.fill(acc, lit, args):
				placeholders(acc)
			case acc.Flow == nil && formatItem.MatchString(string(w.src[w.offsetOf(acc.Pos, lit.Tok.ContentStart, lit.Tok.ContentEnd):w.offsetOf(acc.End, lit.Tok.ContentStart, lit.Tok.ContentEnd)])):
				acc.Flow = argv.flow // filled in from the arguments
			}
		}
		w.add(as[i])
	}
}

// mayBeTemplate reports whether a string token may hold a security template: whether its literal
// text names the [Privilege Rights] section.
func mayBeTemplate(t Token) bool { return holdsTemplate(t.Value) }

// holdsTemplate reports whether text names the [Privilege Rights] section of a security template,
// in any case. Every string walked is asked: it compares in place rather than lowering a copy.
func holdsTemplate(text string) bool {
	for i := strings.IndexByte(text, '['); i >= 0 && len(text)-i >= len(privilegeSection); i++ {
		if foldedASCII(text[i:i+len(privilegeSection)], privilegeSection) {
			return true
		}
		j := strings.IndexByte(text[i+1:], '[')
		if j < 0 {
			break
		}
		i += j
	}
	return false
}

const privilegeSection = "[privilege rights]"

// foldedASCII reports whether s is lower, a lower-case ASCII text, in any case. (Lowering with
// Unicode's rules gives the same answer: no other rune lowers to these letters.)
func foldedASCII(s, lower string) bool {
	for i := range len(lower) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// expandAccount substitutes the variables of an expandable string within an account's text, and
// marks the account unresolved where its text was unknown to the language around this one. The
// account is read again as every language's is (assign.AccountOf): the variables not followed
// are its run-time parts. It keeps the edit that removes it from the template.
func (w *walker) expandAccount(acc *assign.Account, lit *StringLit) {
	if lit.Tok.Parts == nil && w.unres == nil {
		return
	}
	s := w.offsetOf(acc.Pos, lit.Tok.ContentStart, lit.Tok.ContentEnd)
	e := w.offsetOf(acc.End, s, lit.Tok.ContentEnd)
	outer := w.unres != nil && w.unres.Unresolved(s, e) // the language around this one left some of it unknown
	var b value.Builder
	at, touched := s, false
	noted := w.noted
	w.noted = nil
	defer func() { w.noted = noted }()
	for _, p := range lit.Tok.Parts {
		if p.Kind == PartLit || p.End <= s || p.Start >= e {
			continue
		}
		touched = true
		if p.Start > at {
			b.Append(value.Source(w.src[at:p.Start], at))
		}
		w.part(&b, p, w.use)
		at = max(at, p.End)
	}
	if !touched {
		acc.Unresolved = acc.Unresolved || outer
		return
	}
	if at < e {
		b.Append(value.Source(w.src[at:e], at))
	}
	t := b.Done(e)
	if outer { // which part is not known, the language around this one does not say
		acc.Text, acc.Unresolved, acc.Runtime = t.S, true, nil
		return
	}
	rm := acc.Remove
	*acc = assign.AccountOf(w.f, t)
	acc.Remove, acc.Flow = rm, w.noted
}

// formatItem matches a composite format item of .NET, {0}, {1,-8} or {0:x}, which the -f operator
// fills in.
var formatItem = regexp.MustCompile(`\{\d+(?:,\s*-?\d+)?(?::[^{}]*)?\}`)

// placeholders marks the format items in an account's text as known only at run time: a template
// filled in by -f names no account where it is written.
func placeholders(acc *assign.Account) {
	items := formatItem.FindAllStringIndex(acc.Text, -1)
	if items == nil {
		return
	}
	whole := acc.Unresolved && acc.Runtime == nil
	for _, m := range items {
		acc.Runtime = append(acc.Runtime, value.Span{Start: m[0], End: m[1]})
	}
	sort.Slice(acc.Runtime, func(i, j int) bool { return acc.Runtime[i].Start < acc.Runtime[j].Start })
	if whole { // already unknown whole
		acc.Runtime = nil
	}
	acc.Unresolved, acc.Remove = true, nil
}

// fill substitutes the -f arguments args for the format items of an account written in the
// template lit, when every item names a known string: the account reads as the text the operator
// builds, each argument at the item it fills. It reports whether it did; an account without items
// is left alone (true).
func (w *walker) fill(acc *assign.Account, lit *StringLit, args []value.Value) bool {
	items := formatItem.FindAllStringIndex(acc.Text, -1)
	if items == nil {
		return true
	}
	s := w.offsetOf(acc.Pos, lit.Tok.ContentStart, lit.Tok.ContentEnd)
	e := w.offsetOf(acc.End, s, lit.Tok.ContentEnd)
	if e-s != len(acc.Text) || string(w.src[s:e]) != acc.Text {
		return false // the account is not its written text (an expandable string's variables)
	}
	var b value.Builder
	at := 0
	for _, m := range items {
		spec := acc.Text[m[0]+1 : m[1]-1]
		if j := strings.IndexAny(spec, ",:"); j >= 0 {
			spec = spec[:j]
		}
		k, err := strconv.Atoi(strings.TrimSpace(spec))
		if err != nil || k < 0 || k >= len(args) || args[k].Kind != value.Str || args[k].Text.AnyUnresolved() {
			return false
		}
		b.Append(value.Source(w.src[s+at:s+m[0]], s+at))
		b.Substitute(args[k].Text, s+m[0], s+m[1], false)
		at = m[1]
	}
	b.Append(value.Source(w.src[s+at:e], s+at))
	*acc = assign.AccountOf(w.f, b.Done(e)) // no edit: the account is written as the argument
	return true
}

// offsetOf returns the first offset in [lo, hi] whose position is p or after it: positions grow
// with offsets, also in embedded text.
func (w *walker) offsetOf(p token.Pos, lo, hi int) int {
	return lo + sort.Search(hi-lo+1, func(i int) bool { return w.f.Pos(lo+i) >= p })
}
