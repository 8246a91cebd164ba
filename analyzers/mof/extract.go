package mof

import (
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/forms"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
)

// Extract parses f.Text as compiled DSC (MOF) and returns its assignments, with positions in f.
// Problems are recorded on f.
func Extract(f *source.File) []assign.Assignment {
	insts, problems := Parse(f.Text)
	for _, p := range problems {
		f.Problemf(p.Offset, "%s", p.Message)
	}
	var out []assign.Assignment
	for _, inst := range insts {
		out = append(out, extract(f, inst)...)
	}
	return out
}

// extract returns the assignments of one instance: the DSC resources package forms knows
// (MSFT_UserRightsAssignment, Carbon_Privilege), and the SetScript of a Script resource, analyzed
// as PowerShell.
func extract(f *source.File, inst *Instance) []assign.Assignment {
	if strings.EqualFold(inst.Class, "msft_scriptresource") {
		for _, p := range inst.Props {
			if strings.EqualFold(p.Name, "setscript") && p.Value.Kind == Str {
				return cmdline.Nest(f, source.LangPowerShell, p.Value.Text(), false)
			}
		}
		return nil
	}
	if forms.Lookup(inst.Class) == nil {
		return nil
	}
	r := &forms.Resource{Name: inst.Class, At: inst.ClassStart, Via: inst.Class, Scope: "mof"}
	for _, p := range inst.Props {
		r.Props = append(r.Props, forms.Prop{Name: p.Name, At: p.NameStart, Value: formValue(f, p.Value)})
	}
	return forms.Assignments(f, r)
}

// formValue returns v as package forms reads a property. The elements of an array carry the edit
// that drops them; a string of one literal, the edits that drop its names.
// Numbers, enumeration names, aliases and embedded instances name no account.
func formValue(f *source.File, v Value) vtext.Value {
	switch v.Kind {
	case Str:
		return vtext.Value{Kind: vtext.Str, Text: v.Text(), Editable: len(v.Strs) == 1}
	case Bool:
		return vtext.Value{Kind: vtext.Bool, Bool: v.Bool}
	case Array:
		out := vtext.Value{Kind: vtext.List, Cut: v.More != 0, CutAt: v.More}
		starts, ends := make([]int, len(v.Elems)), make([]int, len(v.Elems))
		for i, e := range v.Elems {
			out.Elems = append(out.Elems, formValue(f, e))
			starts[i], ends[i] = e.Start, e.End
		}
		for i, rm := range assign.Removals(f.Text, starts, ends) {
			out.Elems[i].Remove = rm
		}
		return out
	}
	return vtext.Value{Kind: vtext.Null}
}
