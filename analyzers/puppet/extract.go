package puppet

import (
	"strings"

	vtext "github.com/privlint/privlint/analyzers/value"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/rules"
)

// value is what the extractor knows of a Puppet expression.
type value struct {
	known bool       // a string or a list of strings built from literals (a string may still hold unresolved interpolations, see t)
	list  bool       // a list; items holds its strings
	t     vtext.Text // a string's characters mapped to the source; interpolations privlint could not resolve are unresolved bytes
	// verbatim is set when t is the source text of the string's content, byte for byte.
	verbatim   bool
	start, end int // where findings point
	items      []value
	itemBytes  int // the bytes of a list's items, and itemCost for each
}

type walker struct {
	f    *source.File
	vars map[string]value
	out  []assign.Assignment
}

// Extract parses f.Text as a Puppet manifest and returns its assignments, with positions in f.
// Problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	toks, lexProblems := Lex(f.Text)
	decls, parseProblems := Parse(toks)
	for _, p := range append(lexProblems, parseProblems...) {
		f.Problemf(p.Offset, "%s", p.Message)
	}
	w := &walker{f: f, vars: map[string]value{}}
	for _, d := range decls {
		switch d := d.(type) {
		case Assignment:
			if v := w.eval(d.Value); v.known && !d.Param {
				w.vars[strings.TrimPrefix(d.Name, "::")] = v
			} else {
				delete(w.vars, strings.TrimPrefix(d.Name, "::"))
			}
		case Resource:
			switch strings.ToLower(strings.TrimPrefix(d.Type, "::")) {
			case "local_security_policy":
				w.localSecurityPolicy(d)
			case "exec":
				w.exec(d)
			}
		}
	}
	return w.out
}

// eval returns the value of an expression: a string, a list of strings, a bare word, a variable
// holding one of those; anything else is unknown.
func (w *walker) eval(e Expr) value {
	unknown := value{start: e.Start, end: e.End}
	switch {
	case len(e.Toks) == 1 && e.Toks[0].Kind == String:
		return w.evalStr(e.Toks[0].Str)
	case len(e.Toks) == 1 && e.Toks[0].Kind == Name:
		t := e.Toks[0]
		return value{known: true, t: vtext.Source(w.f.Text[t.Start:t.End], t.Start), verbatim: true, start: t.Start, end: t.End}
	case len(e.Toks) == 1 && e.Toks[0].Kind == Var:
		t := e.Toks[0]
		if v, ok := w.vars[strings.TrimPrefix(t.Text, "::")]; ok && w.f.Charge(t.Start, v.size()) {
			return relocate(v, t.Start, t.End)
		}
	case len(e.Toks) >= 2 && e.Toks[0].Kind == Op && e.Toks[0].Text == "[" && e.Toks[len(e.Toks)-1].Text == "]":
		list := value{known: true, list: true, start: e.Start, end: e.End}
		for _, t := range e.Toks[1 : len(e.Toks)-1] {
			switch {
			case t.Kind == String:
				it := w.evalStr(t.Str)
				list.items = append(list.items, it)
				list.itemBytes += it.t.Len() + itemCost
			case t.Kind != Op || t.Text != ",":
				return unknown
			}
		}
		return list
	}
	return unknown
}

// evalStr builds a string's value, substituting interpolated variables that hold literal strings.
// The value built is charged to the file's budget; past its limits every interpolation stays as
// written, unresolved.
func (w *walker) evalStr(s *Str) value {
	v := value{known: true, verbatim: s.Verbatim, start: s.Start, end: s.End}
	n, substitutes := 0, false
	for _, p := range s.Parts {
		switch sv, ok := w.str(p); {
		case !p.Interp:
			n += p.Lit.Len()
		case ok:
			n += sv.t.Len()
			substitutes = true
		default:
			n += p.End - p.Start
		}
	}
	resolve := substitutes && w.f.Charge(s.Start, n)
	var b vtext.Builder
	for _, p := range s.Parts {
		switch sv, ok := w.str(p); {
		case !p.Interp:
			b.Append(p.Lit)
		case ok && resolve:
			b.Substitute(sv.t, p.Start, p.End, false)
		default:
			b.Append(vtext.Spread(string(w.f.Text[p.Start:p.End]), p.Start, p.End, true))
		}
	}
	v.t = b.Done(s.End)
	return v
}

// str returns the value of the variable an interpolation names, when it holds a string.
func (w *walker) str(p Part) (value, bool) {
	if !p.Interp || p.Name == "" {
		return value{}, false
	}
	v, ok := w.vars[p.Name]
	return v, ok && v.known && !v.list
}

// itemCost is what one item of a list costs besides its bytes when a list is charged: the value
// privlint keeps for it.
const itemCost = 64

// size returns what a copy of v costs: its bytes, and for a list its items'.
func (v value) size() int {
	if !v.list {
		return v.t.Len()
	}
	return v.itemBytes
}

// relocate returns a copy of v as used at [start, end): findings point there and nothing there is
// removable. The caller charges the copy (see size).
func relocate(v value, start, end int) value {
	v.start, v.end, v.verbatim = start, end, false
	if !v.list {
		var b vtext.Builder
		b.Substitute(v.t, start, end, false)
		v.t = b.Done(end)
	}
	items := make([]value, len(v.items))
	for i, it := range v.items {
		items[i] = relocate(it, start, end)
	}
	v.items = items
	return v
}

func attrs(b Body) map[string]Expr {
	m := map[string]Expr{}
	for _, a := range b.Attrs {
		m[strings.ToLower(a.Name)] = a.Value
	}
	return m
}

// localSecurityPolicy records a local_security_policy resource of a Privilege Rights policy: its
// title is the policy's display name (policy_setting, the right's constant, is informational),
// policy_value its accounts. The value is set as a whole (an optional `set:` prefix says so), or
// with `merge:` each account is added, or removed when written -account. ensure => absent removes
// the right from everyone.
func (w *walker) localSecurityPolicy(r Resource) {
	for _, b := range r.Bodies {
		a := attrs(b)
		if pt, ok := a["policy_type"]; ok {
			if v := w.eval(pt); v.known && !v.list && !strings.EqualFold(strings.TrimSpace(v.t.S), "Privilege Rights") {
				continue
			}
		}
		right, ok := w.right(b, a)
		if !ok {
			continue
		}
		asg := assign.Assignment{Right: strings.TrimSpace(right.t.S), Pos: w.f.Pos(right.start), End: w.f.Pos(right.end), Via: "local_security_policy", Arms: r.Arms}
		if e, ok := a["ensure"]; ok {
			if v := w.eval(e); v.known && strings.EqualFold(strings.TrimSpace(v.t.S), "absent") {
				asg.Op = assign.Revoke
				w.out = append(w.out, asg)
				continue
			}
		}
		pv, ok := a["policy_value"]
		if !ok {
			continue
		}
		w.policyValue(asg, w.eval(pv))
	}
}

// right returns the right a local_security_policy body names: its title when that is a right's
// name, else its policy_setting, else the title as written (a misspelling, or not a right).
func (w *walker) right(b Body, a map[string]Expr) (value, bool) {
	title := w.eval(b.Title)
	if title.known && !title.list {
		if _, ok := rules.LookupRight(title.t.S); ok {
			return title, true
		}
	}
	if ps, ok := a["policy_setting"]; ok {
		if v := w.eval(ps); v.known && !v.list {
			return v, true
		}
	}
	return title, title.known && !title.list
}

// policyValue records the accounts of a policy_value.
func (w *walker) policyValue(asg assign.Assignment, v value) {
	if !v.known || v.list {
		asg.Op, asg.Scope = assign.Set, "puppet"
		asg.Accounts = []assign.Account{{Text: string(w.f.Text[v.start:v.end]), Pos: w.f.Pos(v.start), End: w.f.Pos(v.end), Unresolved: true}}
		w.out = append(w.out, asg)
		return
	}
	text, i := v.t.S, 0
	for i < len(text) && text[i] == ' ' {
		i++
	}
	mode := "set"
	if j := strings.IndexByte(text[i:], ':'); j >= 0 {
		if m := strings.ToLower(strings.TrimSpace(text[i : i+j])); m == "set" || m == "merge" {
			mode, i = m, i+j+1
		}
	}
	pieces, more := w.split(v, i)
	if more >= 0 {
		s, _ := v.t.Span(more, more+1)
		assign.TooMany(w.f, s)
		asg.Truncated = true
	}
	if mode == "set" {
		asg.Op, asg.Scope = assign.Set, "puppet"
		asg.Accounts = w.accounts(v, pieces)
		w.out = append(w.out, asg)
		return
	}
	var add, remove []piece
	for _, p := range pieces {
		sign := text[p.a]
		if sign == '-' || sign == '+' {
			p.a++
			for p.a < p.b && (text[p.a] == ' ' || text[p.a] == '\t') {
				p.a++
			}
		}
		switch {
		case p.a == p.b: // a sign alone
		case sign == '-':
			remove = append(remove, p)
		default:
			add = append(add, p)
		}
	}
	for _, op := range []struct {
		op     assign.Op
		pieces []piece
	}{{assign.Grant, add}, {assign.Revoke, remove}} {
		if len(op.pieces) > 0 {
			asg.Op, asg.Accounts = op.op, w.accounts(value{t: v.t}, op.pieces)
			w.out = append(w.out, asg)
		}
	}
}

// piece is one comma-separated element of a string: the account at [a, b) of its text.
type piece struct{ a, b int }

// split cuts v's text from i at its commas into trimmed, non-empty pieces, at most
// assign.MaxAccounts of them. more is the index in the text of the first piece past the limit, or
// -1 when there is none.
func (w *walker) split(v value, i int) (pieces []piece, more int) {
	text := v.t.S
	var out []piece
	for i <= len(text) {
		j := strings.IndexByte(text[i:], ',')
		if j < 0 {
			j = len(text) - i
		}
		p := piece{a: i, b: i + j}
		for p.a < p.b && (text[p.a] == ' ' || text[p.a] == '\t') {
			p.a++
		}
		for p.b > p.a && (text[p.b-1] == ' ' || text[p.b-1] == '\t') {
			p.b--
		}
		if p.a < p.b {
			if len(out) == assign.MaxAccounts {
				return out, p.a
			}
			out = append(out, p)
		}
		i += j + 1
	}
	return out, -1
}

// accounts returns the accounts of pieces of v. When v is written verbatim and names two or more,
// each carries the edit that removes it with the comma beside it.
func (w *walker) accounts(v value, pieces []piece) []assign.Account {
	var out []assign.Account
	for k, p := range pieces {
		acc := assign.AccountOf(w.f, v.t.Slice(p.a, p.b))
		if v.verbatim && len(pieces) >= 2 {
			var ra, rb int
			if k+1 < len(pieces) {
				ra, rb = p.a, pieces[k+1].a
			} else {
				ra, rb = pieces[k-1].b, p.b
			}
			rs, _ := v.t.Span(ra, ra+1)
			_, re := v.t.Span(rb-1, rb)
			acc.Remove = []analysis.TextEdit{{Pos: w.f.Pos(rs), End: w.f.Pos(re)}}
		}
		out = append(out, acc)
	}
	return out
}

// exec records what an exec resource's command runs: PowerShell with the powershell provider,
// a Windows command line otherwise.
func (w *walker) exec(r Resource) {
	for _, b := range r.Bodies {
		a := attrs(b)
		cmdExpr, ok := a["command"]
		if !ok {
			cmdExpr = b.Title
		}
		cmd := w.eval(cmdExpr)
		if !cmd.known || cmd.list || cmd.t.Len() == 0 {
			continue
		}
		provider := ""
		if p, ok := a["provider"]; ok {
			provider = strings.ToLower(strings.TrimSpace(w.eval(p).t.S))
		}
		var as []assign.Assignment
		switch provider {
		case "powershell", "pwsh":
			as = cmdline.Nest(w.f, source.LangPowerShell, cmd.t, false)
		case "", "windows":
			as = cmdline.Run(w.f, cmdline.FromLine(cmd.t))
		}
		w.out = append(w.out, as...)
	}
}
