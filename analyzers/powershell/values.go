package powershell

import (
	"slices"
	"strconv"
	"strings"
)

// valKind is what the extractor knows of a value.
type valKind uint8

const (
	valUnknown valKind = iota // known only at run time
	valStr
	valList
	valTable
	valBool
	valNull
	valBlock
)

// value is the static value of an expression, as far as the extractor can tell.
type value struct {
	kind valKind
	// text is a string's value; for an unknown value, the expression as written (a variable's
	// name, or a string with what could be resolved substituted).
	text string
	// start and end are where the value is written: a literal's content, or the expression that
	// produced it where it is used (a variable's value is located at the variable).
	start, end int
	verbatim   bool // valStr: text is exactly the source text at start:end
	// elemStart and elemEnd span a list item written in place, quotes included; inPlace says a
	// list is written literally where it is used, so dropping an item is a clean edit.
	elemStart, elemEnd int
	inPlace            bool
	items              []value
	table              *table
	b                  bool
	block              *ScriptBlock
	lit                *StringLit // the string literal the value is, read where it is written
}

// table is a hashtable with its keys in the order first set, compared case-insensitively.
type table struct {
	keys  []string // lower case
	vals  []value
	index map[string]int // position of each key in keys
}

func (t *table) get(key string) (value, bool) {
	if i, ok := t.index[strings.ToLower(key)]; ok {
		return t.vals[i], true
	}
	return value{}, false
}

func (t *table) set(key string, v value) {
	key = strings.ToLower(key)
	if i, ok := t.index[key]; ok {
		t.vals[i] = v
		return
	}
	if t.index == nil {
		t.index = map[string]int{}
	}
	t.index[key] = len(t.keys)
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
}

// scope holds the variables assigned in one PowerShell scope.
type scope struct {
	vars   map[string]value
	parent *scope
}

func newScope(parent *scope) *scope { return &scope{vars: map[string]value{}, parent: parent} }

// varName normalizes a variable name: lower case, without the scope modifiers that do not change
// which variable is meant here. global: and script: name the outermost scope.
func varName(name string) (n string, outer bool) {
	n = strings.ToLower(name)
	for _, p := range []string{"local:", "private:", "using:"} {
		n = strings.TrimPrefix(n, p)
	}
	for _, p := range []string{"script:", "global:"} {
		if strings.HasPrefix(n, p) {
			return n[len(p):], true
		}
	}
	return n, false
}

func (s *scope) lookup(name string) (value, bool) {
	n, _ := varName(name)
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[n]; ok {
			return v, true
		}
	}
	return value{}, false
}

func (s *scope) set(name string, v value) {
	n, outer := varName(name)
	if outer {
		for s.parent != nil {
			s = s.parent
		}
	}
	s.vars[n] = v
}

// relocate returns v as read through a variable at start:end: positioned there, no longer a
// literal written in place.
func relocate(v value, start, end int) value {
	v.start, v.end, v.verbatim, v.elemStart, v.elemEnd, v.inPlace, v.lit = start, end, false, 0, 0, false, nil
	if v.items != nil {
		items := make([]value, len(v.items))
		for i, it := range v.items {
			items[i] = relocate(it, start, end)
		}
		v.items = items
	}
	return v
}

// flatten returns the items of a list, nested lists included, or v itself.
func flatten(v value) []value {
	if v.kind != valList {
		return []value{v}
	}
	if !slices.ContainsFunc(v.items, func(it value) bool { return it.kind == valList }) {
		return v.items
	}
	var out []value
	for _, it := range v.items {
		out = append(out, flatten(it)...)
	}
	return out
}

// str renders a known scalar as PowerShell converts it to a string; ok is false for an unknown.
func (v value) str() (string, bool) {
	switch v.kind {
	case valStr:
		return v.text, true
	case valBool:
		if v.b {
			return "True", true
		}
		return "False", true
	case valNull:
		return "", true
	case valList:
		parts := make([]string, 0, len(v.items))
		ok := true
		for _, it := range v.items {
			s, k := it.str()
			ok = ok && k
			parts = append(parts, s)
		}
		return strings.Join(parts, " "), ok
	}
	return v.text, false
}

// truthy reports whether v is a literal true: $true, 'true', 1.
func (v value) truthy() bool {
	switch v.kind {
	case valBool:
		return v.b
	case valStr:
		s := strings.ToLower(strings.TrimSpace(v.text))
		return s == "true" || s == "$true" || s == "1"
	}
	return false
}

// maxUnknownText bounds the source text an unknown value carries.
const maxUnknownText = 120

// unknown is the value of n known only at run time, carrying n's source text.
func (w *walker) unknown(n Node) value {
	s, e := n.Span()
	text := strings.TrimSpace(string(w.src[s:e]))
	if lit, ok := n.(*StringLit); ok {
		text = string(w.src[lit.Tok.ContentStart:lit.Tok.ContentEnd])
		s, e = lit.Tok.ContentStart, lit.Tok.ContentEnd
	}
	if len(text) > maxUnknownText {
		text = text[:maxUnknownText] + "..."
	}
	return value{kind: valUnknown, text: text, start: s, end: e}
}

// eval returns the static value of an expression or statement in scope sc.
func (w *walker) eval(n Node, sc *scope) value {
	if n == nil {
		return value{kind: valNull}
	}
	if !w.enter(n) {
		return w.unknown(n)
	}
	defer w.leave()
	switch n := n.(type) {
	case *StringLit:
		return w.evalString(n, sc)
	case *NumberLit:
		return value{kind: valStr, text: n.Text, start: n.start, end: n.end, verbatim: true}
	case *VarRef:
		return w.evalVar(n, sc)
	case *ArrayLit:
		return w.evalList(n.Elems, sc, n)
	case *SubExpr:
		stmts := n.Body.Stmts
		switch {
		case len(stmts) == 1 && (n.Kind != AtParen || !w.isList(stmts[0])):
			v := w.eval(stmts[0], sc)
			if n.Kind == AtParen && v.kind != valList {
				return w.evalList(stmts, sc, n) // @(x) is an array of one
			}
			return v
		case len(stmts) == 1:
			v := w.eval(stmts[0], sc) // @(a, b): the list as written
			v.start, v.end = n.start, n.end
			return v
		case n.Kind == LParen:
			return w.unknown(n)
		}
		return w.evalList(stmts, sc, n)
	case *Hashtable:
		t := &table{}
		for i, k := range n.Keys {
			if key, ok := w.eval(k, sc).str(); ok && k != nil {
				t.set(key, w.eval(n.Values[i], sc))
			}
		}
		return value{kind: valTable, table: t, start: n.start, end: n.end}
	case *ScriptBlock:
		return value{kind: valBlock, block: n, start: n.start, end: n.end}
	case *Binary:
		return w.evalBinary(n, sc)
	case *Unary:
		if n.Op == "-join" {
			return w.join(n, w.eval(n.X, sc), value{kind: valStr})
		}
		return w.unknown(n)
	case *Cast:
		return w.eval(n.X, sc)
	case *Invoke:
		return w.evalInvoke(n, sc)
	case *Member:
		if name, ok := n.Name.(*StringLit); ok && strings.EqualFold(name.Tok.Value, "Value") {
			if v := w.eval(n.X, sc); v.kind == valStr {
				return relocate(v, n.start, n.end)
			}
		}
		return w.unknown(n)
	case *Concat:
		return w.concat(n, n.Parts, sc)
	case *Pipeline:
		if len(n.Elems) != 1 {
			return w.unknown(n)
		}
		if cmd, ok := n.Elems[0].(*Command); ok {
			return w.commandValue(cmd, sc)
		}
		return w.eval(n.Elems[0], sc)
	case *Assign:
		return w.eval(n.Value, sc)
	}
	return w.unknown(n)
}

func (w *walker) evalString(n *StringLit, sc *scope) value {
	t := n.Tok
	if t.Parts == nil {
		v := value{kind: valStr, text: t.Value, start: t.ContentStart, end: t.ContentEnd, verbatim: t.Verbatim,
			elemStart: n.start, elemEnd: n.end, lit: n}
		if w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
			v.kind = valUnknown
		}
		return v
	}
	var b strings.Builder
	resolved := true
	for _, p := range t.Parts {
		switch p.Kind {
		case PartLit:
			b.WriteString(p.Value)
			continue
		case PartVar:
			if s, ok := w.evalVar(&VarRef{span{p.Start, p.End}, p.Value, false}, sc).str(); ok {
				b.WriteString(s)
				continue
			}
		}
		resolved = false
		b.Write(w.src[p.Start:p.End])
	}
	v := value{kind: valStr, text: b.String(), start: t.ContentStart, end: t.ContentEnd, elemStart: n.start, elemEnd: n.end, lit: n}
	if !resolved || w.unres != nil && w.unres.Unresolved(t.ContentStart, t.ContentEnd) {
		v.kind = valUnknown
	}
	return v
}

func (w *walker) evalVar(n *VarRef, sc *scope) value {
	name, _ := varName(n.Name)
	switch name {
	case "true", "false":
		return value{kind: valBool, b: name == "true", start: n.start, end: n.end}
	case "null":
		return value{kind: valNull, start: n.start, end: n.end}
	}
	if !n.Splat {
		if v, ok := sc.lookup(name); ok && v.kind != valUnknown {
			return relocate(v, n.start, n.end)
		}
	}
	return value{kind: valUnknown, text: string(w.src[n.start:n.end]), start: n.start, end: n.end}
}

// isList reports whether a statement is a comma list written in place.
func (w *walker) isList(n Node) bool {
	if pl, ok := n.(*Pipeline); ok && len(pl.Elems) == 1 {
		n = pl.Elems[0]
	}
	_, ok := n.(*ArrayLit)
	return ok
}

// evalList evaluates the elements of a list written in place (a,b or @(a; b)).
func (w *walker) evalList(elems []Node, sc *scope, n Node) value {
	s, e := n.Span()
	v := value{kind: valList, start: s, end: e, inPlace: true}
	for _, el := range elems {
		it := w.eval(el, sc)
		if it.kind == valList {
			v.inPlace = false
			v.items = append(v.items, it.items...)
			continue
		}
		it.elemStart, it.elemEnd = el.Span()
		v.items = append(v.items, it)
	}
	return v
}

func (w *walker) evalBinary(n *Binary, sc *scope) value {
	switch n.Op {
	case "-f":
		return w.format(n, w.eval(n.X, sc), w.eval(n.Y, sc))
	case "+":
		x, y := w.eval(n.X, sc), w.eval(n.Y, sc)
		if x.kind == valList {
			x = relocate(x, n.start, n.end)
			x.items = append(x.items, flatten(relocate(y, n.start, n.end))...)
			return x
		}
		return w.concatValues(n, []value{x, y})
	case "-join":
		return w.join(n, w.eval(n.X, sc), w.eval(n.Y, sc))
	}
	return w.unknown(n)
}

// concatValues joins values as strings; the result is unknown, with the known parts substituted,
// when one of them is.
func (w *walker) concatValues(n Node, vals []value) value {
	var b strings.Builder
	resolved := true
	for _, v := range vals {
		s, ok := v.str()
		resolved = resolved && ok
		b.WriteString(s)
	}
	start, end := n.Span()
	v := value{kind: valStr, text: b.String(), start: start, end: end}
	if !resolved {
		v.kind = valUnknown
	}
	return v
}

func (w *walker) concat(n Node, parts []Node, sc *scope) value {
	vals := make([]value, len(parts))
	for i, p := range parts {
		vals[i] = w.eval(p, sc)
	}
	return w.concatValues(n, vals)
}

func (w *walker) join(n Node, list, sep value) value {
	s, ok := sep.str()
	if !ok {
		return w.unknown(n)
	}
	items := flatten(list)
	vals := make([]value, 0, 2*len(items))
	for i, it := range items {
		if i > 0 {
			vals = append(vals, value{kind: valStr, text: s})
		}
		vals = append(vals, it)
	}
	return w.concatValues(n, vals)
}

// format applies the -f operator: {index[,alignment][:format]} items, {{ and }} escapes.
func (w *walker) format(n Node, f, args value) value {
	if f.kind != valStr {
		return w.unknown(n)
	}
	list := flatten(args)
	var vals []value
	lit := func(s string) { vals = append(vals, value{kind: valStr, text: s}) }
	s := f.text
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			b.WriteByte(c)
			i++
			continue
		case c == '{':
			close := strings.IndexByte(s[i:], '}')
			if close < 0 {
				return w.unknown(n)
			}
			spec := s[i+1 : i+close]
			if j := strings.IndexAny(spec, ",:"); j >= 0 {
				spec = spec[:j]
			}
			k, err := strconv.Atoi(strings.TrimSpace(spec))
			if err != nil || k < 0 || k >= len(list) {
				return w.unknown(n)
			}
			lit(b.String())
			b.Reset()
			vals = append(vals, list[k])
			i += close
			continue
		}
		b.WriteByte(c)
	}
	lit(b.String())
	return w.concatValues(n, vals)
}

// principalType reports whether a .NET type name is one whose instances stand for an account.
func principalType(name string) (ntAccount, ok bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case strings.HasSuffix(n, "securityidentifier"):
		return false, true
	case strings.HasSuffix(n, "ntaccount"):
		return true, true
	}
	return false, false
}

// principal builds the account an SecurityIdentifier or NTAccount constructor names: the SID
// string, the name, or domain\name.
func (w *walker) principal(n Node, ntAccount bool, args []value) value {
	switch {
	case len(args) == 1:
		s, e := n.Span()
		return relocate(args[0], s, e)
	case len(args) == 2 && ntAccount:
		return w.concatValues(n, []value{args[0], {kind: valStr, text: `\`}, args[1]})
	}
	return w.unknown(n)
}

// evalInvoke knows the method calls that keep an account: [SecurityIdentifier]::new('S-1-5-19'),
// [NTAccount]::new('DOMAIN', 'name'), and .Translate() and .ToString() on them.
func (w *walker) evalInvoke(n *Invoke, sc *scope) value {
	name, _ := n.Fn.Name.(*StringLit)
	if name == nil {
		return w.unknown(n)
	}
	method := strings.ToLower(name.Tok.Value)
	if t, ok := n.Fn.X.(*TypeLit); ok && n.Fn.Static && method == "new" {
		if nt, ok := principalType(t.Name); ok {
			args := make([]value, len(n.Args))
			for i, a := range n.Args {
				args[i] = w.eval(a, sc)
			}
			return w.principal(n, nt, args)
		}
	}
	if !n.Fn.Static && (method == "translate" || method == "tostring") {
		if v := w.eval(n.Fn.X, sc); v.kind == valStr {
			return relocate(v, n.start, n.end)
		}
	}
	return w.unknown(n)
}
