package powershell

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/forms"
	"github.com/privlint/privlint/analyzers/value"
)

// dscResource records a DSC resource written in a configuration: Resource Name { properties }.
func dscResource(w *walker, cmd *Command, via string) {
	for _, e := range cmd.Elems {
		if h, ok := e.(*Hashtable); ok && h.Keyword {
			w.dsc(via, cmd.start, w.eval(h))
		}
	}
}

// invokeDscResource records Invoke-DscResource -Name Resource -Method Set -Property @{...}.
func invokeDscResource(w *walker, cmd *Command, _ string) {
	b := w.bind(invokeDscResourceSpec, cmd)
	name, ok1 := b.get("name")
	props, ok2 := b.get("property")
	if method, ok := b.get("method"); ok && !strings.EqualFold(method.Text.S, "set") {
		return // Get and Test only query
	}
	if name = w.use(name); ok1 && ok2 && name.Kind == value.Str {
		s, _ := name.span()
		w.dsc(name.Text.S, s, props)
	}
}

// dsc records what the resource name, written at off with the properties t, assigns: its meaning
// is the one package forms gives it in every language.
func (w *walker) dsc(name string, off int, t pv) {
	if t.Kind != value.Table || forms.Lookup(name) == nil {
		return
	}
	r := &forms.Resource{
		Name: name, At: off, Via: name, Scope: fmt.Sprintf("dsc@%d", w.block()),
		TooMany: w.tooManyAt,
	}
	var flow []assign.Step // the accounts' (a resource's accounts are its Identity)
	for _, e := range t.Entries {
		r.Props = append(r.Props, forms.Prop{Name: e.Key, At: e.KeyAt, Value: w.shared(w.entry(e.Value))})
		if strings.EqualFold(e.Key, "Identity") {
			flow = entryFlow(e.Value, t.flow)
		}
	}
	for _, a := range forms.Assignments(w.f, r) {
		for i := range a.Accounts {
			a.Accounts[i].Flow = flow
		}
		w.add(a)
	}
}

// block returns the start of the innermost script block being walked, or -1 at the top level.
func (w *walker) block() int {
	if len(w.blocks) == 0 {
		return -1
	}
	return w.blocks[len(w.blocks)-1]
}
