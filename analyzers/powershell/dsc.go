package powershell

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/forms"
	vtext "github.com/privlint/privlint/analyzers/value"
)

// dscResource records a DSC resource written in a configuration: Resource Name { properties }.
func dscResource(w *walker, cmd *Command, sc *scope, via string) {
	for _, e := range cmd.Elems {
		if h, ok := e.(*Hashtable); ok && h.Keyword {
			w.dsc(via, cmd.start, w.eval(h, sc).table)
		}
	}
}

// invokeDscResource records Invoke-DscResource -Name Resource -Method Set -Property @{...}.
func invokeDscResource(w *walker, cmd *Command, sc *scope, _ string) {
	b := w.bind(invokeDscResourceSpec, cmd, sc)
	name, ok1 := b.get("name")
	props, ok2 := b.get("property")
	if method, ok := b.get("method"); ok && !strings.EqualFold(method.text, "set") {
		return // Get and Test only query
	}
	if name = w.use(name); ok1 && ok2 && name.kind == valStr && props.kind == valTable {
		w.dsc(name.text, name.start, props.table)
	}
}

// dsc records what the resource name, written at off with the properties t, assigns: its meaning
// is the one package forms gives it in every language.
func (w *walker) dsc(name string, off int, t *table) {
	if t == nil || forms.Lookup(name) == nil {
		return
	}
	r := &forms.Resource{
		Name: name, At: off, Via: name, Scope: fmt.Sprintf("dsc@%d", w.block()),
		TooMany: w.tooManyAt,
	}
	for i, k := range t.keys {
		v := t.vals[i]
		r.Props = append(r.Props, forms.Prop{Name: k, At: v.start, Value: w.formValue(v)})
	}
	for _, a := range forms.Assignments(w.f, r) {
		w.add(a)
	}
}

// formValue returns v as package forms reads a property. A list's items are flattened; those of
// a list written in place carry the edit that drops them.
func (w *walker) formValue(v value) vtext.Value {
	v = w.use(v)
	switch v.kind {
	case valStr:
		if v.verbatim {
			return vtext.Value{Kind: vtext.Str, Text: vtext.Source([]byte(v.text), v.start), Editable: true}
		}
		return vtext.Value{Kind: vtext.Str, Text: vtext.Spread(v.text, v.start, v.end, false)}
	case valBool:
		return vtext.Value{Kind: vtext.Bool, Bool: v.b}
	case valNull:
		return vtext.Value{Kind: vtext.Null}
	case valList:
		items := flatten(v)
		out := vtext.Value{Kind: vtext.List}
		var starts, ends []int
		for _, it := range items {
			if it.kind == valUnknown && it.rest {
				out.Cut, out.CutAt = true, it.start
				break
			}
			out.Elems = append(out.Elems, w.formValue(it))
			starts, ends = append(starts, it.elemStart), append(ends, it.elemEnd)
		}
		if v.inPlace && len(starts) == len(items) {
			for i, rm := range assign.Removals(w.src, starts, ends) {
				if items[i].elemEnd > items[i].elemStart {
					out.Elems[i].Remove = rm
				}
			}
		}
		return out
	}
	return vtext.Value{Kind: vtext.Unknown, Text: runtimeText(v), Origin: v.origin}
}

// block returns the start of the innermost script block being walked, or -1 at the top level.
func (w *walker) block() int {
	if len(w.blocks) == 0 {
		return -1
	}
	return w.blocks[len(w.blocks)-1]
}
