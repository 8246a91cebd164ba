package chef

import (
	"regexp"
	"strings"

	vtext "github.com/privlint/privlint/analyzers/value"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
)

// valKind is what the extractor knows of a Ruby value.
type valKind uint8

const (
	valUnknown valKind = iota // known only at run time
	valStr
	valSym
	valList
	valBool
	valNil
)

// value is a Ruby value as far as literals and literal variables tell.
type value struct {
	kind valKind
	text string // a string or symbol; for an unknown value, its expression as written
	// t holds a string's characters mapped to the source, with the bytes an interpolation left
	// unknown marked unresolved; it is set for unknown strings too.
	t                  vtext.Text
	start, end         int // where findings point: a string's content, an expression otherwise
	elemStart, elemEnd int // the element as written, quotes included
	verbatim           bool
	inPlace            bool // a list written here, whose elements an edit may remove
	items              []value
	b                  bool
	// listBytes is what a list holds, its nested lists' items included: the bytes of its strings and
	// itemCost per item. unknownItem is set when one of them is known only at run time.
	listBytes   int
	unknownItem bool
	// cut is set on a list the lexer or the parser cut short at assign.MaxAccounts elements (and
	// reported): what the whole list holds is not known.
	cut bool
}

// itemCost is what one item of a list costs besides its bytes when a copy is charged: the value
// privlint keeps for it.
const itemCost = 64

// size returns what a copy of v costs against the file's budget.
func (v value) size() int {
	if v.kind == valList {
		return v.listBytes
	}
	return max(len(v.text), v.t.Len())
}

// add appends it to the list v.
func (v *value) add(it value) {
	v.items = append(v.items, it)
	v.listBytes += it.size() + itemCost
	v.unknownItem = v.unknownItem || !literal(it)
}

// eval returns what n evaluates to, with the variables known so far.
func (w *walker) eval(n Node) value {
	switch n := n.(type) {
	case *Lit:
		return w.evalLit(n.Tok)
	case *Array:
		v := value{kind: valList, start: n.Start, end: n.End, elemStart: n.Start, elemEnd: n.End, inPlace: true, cut: n.More != 0}
		for _, e := range n.Elems {
			v.add(w.eval(e))
		}
		return v
	case *Call:
		if n.Bare {
			switch n.Name {
			case "true", "false":
				return value{kind: valBool, b: n.Name == "true", start: n.Start, end: n.End}
			case "nil":
				return value{kind: valNil, start: n.Start, end: n.End}
			}
			if v, ok := w.vars[n.Name]; ok && w.f.Charge(n.Start, v.size()) {
				return relocate(v, n.Start, n.End)
			}
		}
	case *VarRef:
		if v, ok := w.vars[n.Name]; ok && w.f.Charge(n.Start, v.size()) {
			return relocate(v, n.Start, n.End)
		}
	case *Compound:
		if n.Kind == "paren" && len(n.Children) == 1 {
			return w.eval(n.Children[0])
		}
	}
	start, end := n.Span()
	return w.unknown(start, end)
}

func (w *walker) unknown(start, end int) value {
	start = min(max(start, 0), len(w.f.Text))
	end = min(max(end, start), len(w.f.Text))
	return value{text: strings.TrimSpace(string(w.f.Text[start:end])), start: start, end: end, elemStart: start, elemEnd: end}
}

// relocate returns a copy of v as used at [start, end): findings point there and nothing there is
// removable. A string keeps its characters' mapping, so that code in it still lands where it is
// written. The caller charges the copy (see size): a variable's value is copied at each use.
func relocate(v value, start, end int) value {
	v.start, v.end, v.elemStart, v.elemEnd = start, end, start, end
	v.verbatim, v.inPlace = false, false
	if v.items != nil {
		items := make([]value, len(v.items))
		for i, it := range v.items {
			items[i] = relocate(it, start, end)
		}
		v.items = items
	}
	return v
}

func (w *walker) evalLit(t Token) value {
	v := value{start: t.Start, end: t.End, elemStart: t.Start, elemEnd: t.End}
	switch t.Kind {
	case Symbol, Label:
		if t.Str != nil && !t.Str.Verbatim {
			return w.evalStr(t.Str, t)
		}
		v.kind, v.text = valSym, t.Text
	case String:
		return w.evalStr(t.Str, t)
	case Words:
		v.kind, v.inPlace, v.cut = valList, true, t.Str.More != 0
		for _, s := range t.Str.Words {
			v.add(w.evalStr(s, Token{Start: s.Start, End: s.End}))
		}
	default:
		v.text = string(w.f.Text[t.Start:t.End])
	}
	return v
}

// placeholderUnsafe are the characters an unresolved interpolation's placeholder does not keep:
// they mean something to the languages the string may be handed to.
var placeholderUnsafe = regexp.MustCompile(`[^A-Za-z0-9_.:@'\[\]\-]`)

// evalStr builds a string's value. An interpolation of a variable holding a literal string is
// substituted; any other leaves the placeholder ${expr} in the text, marked unresolved, and makes
// the value unknown. The value built is charged to the file's budget: past its limits no
// interpolation is substituted.
func (w *walker) evalStr(s *Str, t Token) value {
	v := value{kind: valStr, start: s.Start, end: s.End, elemStart: t.Start, elemEnd: t.End, verbatim: s.Verbatim}
	n, substitutes := 0, false
	for _, p := range s.Parts {
		if !p.Interp {
			n += p.Lit.Len()
		} else if iv, ok := w.interpolated(p); ok {
			n += iv.t.Len()
			substitutes = true
		}
	}
	resolve := substitutes && w.f.Charge(s.Start, n)
	var b vtext.Builder
	for _, p := range s.Parts {
		if !p.Interp {
			b.Append(p.Lit)
			continue
		}
		if iv, ok := w.interpolated(p); ok && resolve {
			b.Substitute(iv.t, p.Start, p.End, false)
			continue
		}
		v.kind = valUnknown
		inner := string(w.f.Text[p.Start:p.End])
		if strings.HasPrefix(inner, "#{") {
			inner = strings.TrimSuffix(inner[2:], "}")
		} else {
			inner = inner[1:]
		}
		b.Append(vtext.Spread("${"+placeholderUnsafe.ReplaceAllString(inner, "_")+"}", p.Start, p.End, true))
	}
	v.t = b.Done(s.End)
	v.text = v.t.S
	if v.kind == valUnknown {
		v.text = string(w.f.Text[s.Start:s.End])
	}
	return v
}

// interpolated returns the value of an interpolation that names a variable holding a string.
func (w *walker) interpolated(p Part) (value, bool) {
	if len(p.Expr) != 1 || p.Expr[0].Kind != Ident && p.Expr[0].Kind != Var && p.Expr[0].Kind != Const {
		return value{}, false
	}
	v, ok := w.vars[p.Expr[0].Text]
	return v, ok && v.kind == valStr
}

// literal reports whether v is built from literals only, so that a variable may hold it.
func literal(v value) bool {
	switch v.kind {
	case valStr, valSym, valBool, valNil:
		return true
	case valList:
		return !v.unknownItem
	}
	return false
}

// flatten returns the elements of nested lists, or v itself when it is not a list.
func flatten(v value) []value {
	if v.kind != valList {
		return []value{v}
	}
	var out []value
	for _, it := range v.items {
		out = append(out, flatten(it)...)
	}
	return out
}

// accounts returns the accounts a value names, the first assign.MaxAccounts of them: the first one
// past the limit is reported (assign.TooMany). truncated is set then, and when the value holds a
// list cut short where it is written. The elements of a list written in place with two or more of
// them carry the edit that removes them.
func (w *walker) accounts(v value) (accs []assign.Account, truncated bool) {
	l := accountList{w: w}
	l.add(v)
	return l.out, l.over || l.cut
}

// accountList collects the accounts of a value.
type accountList struct {
	w    *walker
	out  []assign.Account
	over bool // an account past assign.MaxAccounts was met and reported
	cut  bool // a list was cut short where it is written
}

// add appends the accounts v names, unless the list is full.
func (l *accountList) add(v value) {
	w := l.w
	if v.kind != valList {
		acc, ok := w.account(v)
		switch {
		case !ok:
		case len(l.out) < assign.MaxAccounts:
			l.out = append(l.out, acc)
		case !l.over:
			assign.TooMany(w.f, v.start)
			l.over = true
		}
		return
	}
	l.cut = l.cut || v.cut
	removable := v.inPlace && len(v.items) >= 2
	var starts, ends []int
	if removable {
		starts, ends = make([]int, len(v.items)), make([]int, len(v.items))
		for i, it := range v.items {
			starts[i], ends[i] = it.elemStart, it.elemEnd
		}
	}
	for i, it := range v.items {
		if l.over {
			return
		}
		n := len(l.out)
		l.add(it)
		if removable && len(l.out) == n+1 && it.kind != valList {
			s, e := assign.ListRemoval(starts, ends, i)
			l.out[n].Remove = []analysis.TextEdit{{Pos: w.f.Pos(s), End: w.f.Pos(e)}}
		}
	}
}

// account returns the account a value other than a list names: none for nil or a blank string,
// an unresolved one for a value known only at run time.
func (w *walker) account(v value) (assign.Account, bool) {
	switch v.kind {
	case valStr, valSym:
		if strings.TrimSpace(v.text) == "" {
			return assign.Account{}, false
		}
		return assign.Account{Text: v.text, Pos: w.f.Pos(v.start), End: w.f.Pos(v.end)}, true
	case valNil:
		return assign.Account{}, false
	}
	if v.t.AnyUnresolved() { // a string: its text, the parts known only at run time marked
		acc := assign.AccountOf(w.f, v.t)
		acc.Pos, acc.End = w.f.Pos(v.start), w.f.Pos(v.end)
		return acc, true
	}
	return assign.Account{Text: v.text, Pos: w.f.Pos(v.start), End: w.f.Pos(v.end), Unresolved: true}, true
}
