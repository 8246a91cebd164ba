package puppet

import (
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

type walker struct {
	f   *source.File
	env *value.Env // the variables assigned so far; Puppet names are case-sensitive
	out []assign.Assignment
}

// Extract parses f.Text as a Puppet manifest and returns its assignments, with positions in f.
// Problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	toks, lexProblems := Lex(f.Text)
	decls, parseProblems := Parse(toks)
	for _, p := range append(lexProblems, parseProblems...) {
		f.Problemf(p.Offset, "%s", p.Message)
	}
	w := &walker{f: f, env: value.NewEnv(false)}
	for _, d := range decls {
		switch d := d.(type) {
		case Assignment:
			w.assign(d)
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

// assign records $name = value. A parameter's default is not what a caller passes, and a value
// privlint does not follow is not kept: both leave the variable unknown. The parser gives the
// declarations of every class and define in one sequence, so there is one scope, the top scope
// that $::name names.
func (w *walker) assign(d Assignment) {
	name, top := strings.CutPrefix(d.Name, "::")
	v := w.eval(d.Value)
	switch {
	case d.Param || v.Kind == value.Unknown:
		w.env.Forget(name)
	case top:
		w.env.Global(name, v)
	default:
		w.env.Assign(name, v)
	}
}

// eval returns the value of an expression: a string (Str, with the interpolations privlint could
// not resolve as bytes known only at run time), a list of strings, a bare word, or a variable
// holding one of those; anything else is Unknown, with the expression as written for its text.
func (w *walker) eval(e Expr) value.Value {
	switch {
	case len(e.Toks) == 1 && e.Toks[0].Kind == String:
		return w.evalStr(e.Toks[0].Str)
	case len(e.Toks) == 1 && e.Toks[0].Kind == Name:
		t := e.Toks[0]
		return value.String(string(w.f.Text[t.Start:t.End]), t.Start, t.End, true)
	case len(e.Toks) == 1 && e.Toks[0].Kind == Var:
		t := e.Toks[0]
		if v, ok := w.env.Get(strings.TrimPrefix(t.Text, "::")); ok && w.f.Charge(t.Start, v.Size()) {
			return v.At(t.Start, t.End)
		}
	case len(e.Toks) >= 2 && e.Toks[0].Kind == Op && e.Toks[0].Text == "[" && e.Toks[len(e.Toks)-1].Text == "]":
		list, ok := value.NewList(), true
		for _, t := range e.Toks[1 : len(e.Toks)-1] {
			switch {
			case t.Kind == String:
				list.Append(w.evalStr(t.Str))
			case t.Kind != Op || t.Text != ",":
				ok = false
			}
		}
		if ok {
			return list
		}
	}
	return value.Unresolved(string(w.f.Text[e.Start:e.End]), e.Start, e.End)
}

// evalStr builds a string's value, substituting interpolated variables that hold strings. The
// value built is charged to the file's budget; past its limits every interpolation stays as
// written, unresolved. The value is a Str even when some interpolation is not resolved: its
// written part still names accounts.
func (w *walker) evalStr(s *Str) value.Value {
	n, substitutes := 0, false
	for _, p := range s.Parts {
		switch sv, ok := w.str(p); {
		case !p.Interp:
			n += p.Lit.Len()
		case ok:
			n += sv.Text.Len()
			substitutes = true
		default:
			n += p.End - p.Start
		}
	}
	resolve := substitutes && w.f.Charge(s.Start, n)
	var b value.Builder
	for _, p := range s.Parts {
		switch sv, ok := w.str(p); {
		case !p.Interp:
			b.Append(p.Lit)
		case ok && resolve:
			b.Substitute(sv.Text, p.Start, p.End, false)
		default:
			b.Append(value.Spread(string(w.f.Text[p.Start:p.End]), p.Start, p.End, true))
		}
	}
	return value.Value{Kind: value.Str, Text: b.Done(s.End), Editable: s.Verbatim}
}

// str returns the value of the variable an interpolation names, when it holds a string.
func (w *walker) str(p Part) (value.Value, bool) {
	if !p.Interp || p.Name == "" {
		return value.Value{}, false
	}
	v, ok := w.env.Get(strings.TrimPrefix(p.Name, "::"))
	return v, ok && v.Kind == value.Str
}

// span returns where the value v is written: its text's span.
func span(v value.Value) (start, end int) { return v.Text.Span(0, v.Text.Len()) }

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
			if v := w.eval(pt); v.Kind == value.Str && !v.Is("Privilege Rights") {
				continue
			}
		}
		right, ok := w.right(b, a)
		if !ok {
			continue
		}
		start, end := span(right)
		asg := assign.Assignment{Right: strings.TrimSpace(right.Text.S), Pos: w.f.Pos(start), End: w.f.Pos(end), Via: "local_security_policy", Arms: r.Arms}
		if e, ok := a["ensure"]; ok && w.eval(e).Is("absent") {
			asg.Op = assign.Revoke
			w.out = append(w.out, asg)
			continue
		}
		if pv, ok := a["policy_value"]; ok {
			w.policyValue(asg, pv, w.eval(pv))
		}
	}
}

// right returns the right a local_security_policy body names: its title when that is a right's
// name, else its policy_setting, else the title as written (a misspelling, or not a right).
func (w *walker) right(b Body, a map[string]Expr) (value.Value, bool) {
	title := w.eval(b.Title)
	if title.Kind == value.Str {
		if _, ok := w.f.Rights().Lookup(title.Text.S); ok {
			return title, true
		}
	}
	if ps, ok := a["policy_setting"]; ok {
		if v := w.eval(ps); v.Kind == value.Str {
			return v, true
		}
	}
	return title, title.Kind == value.Str
}

// policyValue records the accounts of the policy_value e, whose value is v. Anything but a string
// is one account known only at run time, written as e.
func (w *walker) policyValue(asg assign.Assignment, e Expr, v value.Value) {
	if v.Kind != value.Str {
		v = value.Unresolved(string(w.f.Text[e.Start:e.End]), e.Start, e.End)
	}
	text, i := v.Text.S, 0
	for i < len(text) && text[i] == ' ' {
		i++
	}
	mode := "set"
	if j := strings.IndexByte(text[i:], ':'); j >= 0 && v.Kind == value.Str {
		if m := strings.ToLower(strings.TrimSpace(text[i : i+j])); m == "set" || m == "merge" {
			mode, i = m, i+j+1
		}
	}
	if v.Kind == value.Str {
		editable := v.Editable
		v = assign.Names(v.Text.Slice(i, len(text)), func([2]int) bool { return editable })
		v.Remove = nil // a name alone: dropping it would leave the right to nobody
	}
	if mode == "set" {
		asg.Op, asg.Scope = assign.Set, "puppet"
		asg.Accounts, asg.Truncated = assign.Accounts(w.f, v)
		w.out = append(w.out, asg)
		return
	}
	if v.Cut {
		assign.TooMany(w.f, v.CutAt)
		asg.Truncated = true
	}
	add, remove := value.NewList(), value.NewList()
	for _, n := range v.Strings() {
		t, a := n.Text, 0
		sign := t.S[0]
		if sign == '-' || sign == '+' {
			a++
			for a < t.Len() && (t.S[a] == ' ' || t.S[a] == '\t') {
				a++
			}
		}
		name := value.Value{Kind: value.Str, Text: t.Slice(a, t.Len())}
		switch {
		case a == t.Len(): // a sign alone
		case sign == '-':
			remove.Append(name)
		default:
			add.Append(name)
		}
	}
	for _, op := range []struct {
		op       assign.Op
		accounts value.Value
	}{{assign.Grant, add}, {assign.Revoke, remove}} {
		if len(op.accounts.Elems) > 0 {
			asg.Op = op.op
			asg.Accounts, _ = assign.Accounts(w.f, op.accounts)
			w.out = append(w.out, asg)
		}
	}
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
		if cmd.Kind != value.Str || cmd.Text.Len() == 0 {
			continue
		}
		provider := ""
		if p, ok := a["provider"]; ok {
			if v := w.eval(p); v.Kind == value.Str {
				provider = strings.ToLower(strings.TrimSpace(v.Text.S))
			}
		}
		var as []assign.Assignment
		switch provider {
		case "powershell", "pwsh":
			as = cmdline.Nest(w.f, source.LangPowerShell, cmd.Text, false)
		case "", "windows":
			as = cmdline.Run(w.f, cmdline.FromLine(cmd.Text))
		}
		w.out = append(w.out, as...)
	}
}
