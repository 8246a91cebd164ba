// Package forms is the table of grant forms several languages write alike: each DSC resource that
// assigns rights, read from named properties, with one meaning however it is written.
//
// A language maps its syntax to a Resource (the resource's name and its properties as Values) and
// asks Lookup for the form; the form returns the assignments. What a property means is decided here
// only, so a PowerShell configuration, its compiled MOF, a Chef dsc_resource and an Ansible win_dsc
// task running the same resource give the same assignments.
//
// # Forms
//
// UserRightsAssignment (SecurityPolicyDsc; MOF class MSFT_UserRightsAssignment): Policy is the right
// (its display name with underscores, or a constant), Identity the accounts (a list, or one string
// of comma-separated names). The accounts are a grant; Force true makes them a set (they replace the
// holders); Ensure Absent makes them a revoke. Without Policy or Identity there is no assignment
// (DSC refuses the resource). An empty Identity with Force true sets the right to nobody.
//
// Carbon_Privilege (Carbon): Identity is the account, Privilege the list of rights. Each right is
// a grant to the identity (Carbon sets the identity's privileges, not the right's holders: other
// holders keep it); Ensure Absent makes it a revoke.
//
// # Booleans, Force and Ensure
//
// A boolean property is true when it is a boolean true (PowerShell $true, MOF TRUE, Ruby and YAML
// true), or a string that says so, case and surrounding blanks aside: "true", "$true", "1",
// "yes", "on" (PowerShell 1, Chef "true", Ansible yes and "True"). It is false when it is a boolean
// false or one of "false", "$false", "0", "no", "off", "". Anything else, a value known only at
// run time included, is unknown (see Truth).
//
// Ensure is Absent when it is the string "Absent" (any case, blanks aside); anything else, a
// value known only at run time included, is Present: a possibly-Absent Ensure never hides a grant.
//
// A Force that is not known to be true is read as false: the accounts are a grant, not a set.
// Both are reported account by account; a set adds only the checks that need the whole list (a
// required account left out, a duplicate). A Force known only at run time may make a set, and the
// accounts are still reported as a grant.
//
// # Accounts
//
// A list gives one account per element, nested lists flattened; a string gives one account per
// comma-separated name, blanks around it trimmed and empty names skipped (bytes known only at run
// time never separate); a value known only at run time is one unresolved account carrying its text.
// A name with a byte known only at run time is unresolved. An element or a name carries the edit
// that drops it when the language gave one (Value.Remove, Value.Editable) and the name is resolved.
// At most assign.MaxAccounts accounts are read: the first one past them is reported once and the
// assignments are Truncated. The rights of one resource share its accounts: each right after the
// first is charged to the file's budget for its copy of them, and past the budget the rest of the
// rights are left out (the budget reports where).
package forms

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	vtext "github.com/privlint/privlint/analyzers/value"
)

// Kind is what a language knows of a property's value.
type Kind uint8

// Kinds of values.
const (
	Unknown Kind = iota // known only at run time, in whole or in part: Text
	Str                 // a string: Text
	List                // a list: Elems
	Bool                // a boolean: Bool
	Null                // nothing ($null, nil, null): as if the property were not written
)

// Value is a property's value as a language reads it, mapped to the source.
type Value struct {
	Kind Kind
	// Text is a string's characters (Str), or what is known of an Unknown value (the expression as
	// written when nothing is), each byte mapped to where it is written; bytes known only at run
	// time are marked so.
	Text  vtext.Text
	Bool  bool    // Bool
	Elems []Value // List
	// Editable (Str) says each byte of Text maps to the source that writes it (not a value read
	// through a variable), so that one of its comma-separated names can be dropped by deleting it
	// and the comma beside it.
	Editable bool
	// Remove, when not nil, is the span of the source to delete to drop this value from the list
	// holding it (see Removals).
	Remove *[2]int
	// Cut (List) says the list holds more elements than Elems: the language read only the first
	// ones. CutAt is where the first one left out is written, reported as the accounts past
	// assign.MaxAccounts are; -1 when the language has reported it already.
	Cut   bool
	CutAt int
}

// Prop is one named property of a resource.
type Prop struct {
	Name  string // as written; compared case-insensitively
	At    int    // where the name is written, for problems about the property
	Value Value
}

// Resource is one use of a resource: its name, its properties, and how the assignments it makes
// are labeled.
type Resource struct {
	Name  string // the resource or class name as written: UserRightsAssignment, MSFT_UserRightsAssignment, ...
	At    int    // where the name is written
	Props []Prop
	Via   string // Assignment.Via
	Scope string // Assignment.Scope of the sets it makes: assignments that replace one another
	// TooMany reports that an account list goes on past assign.MaxAccounts at the offset off. nil
	// reports with assign.TooMany; a language that may read one resource more than once passes a
	// function that reports each offset once.
	TooMany func(off int)
}

// Get returns the value of the property name (case-insensitively; the last one written wins), and
// whether it is written with a value other than Null.
func (r *Resource) Get(name string) (Value, bool) {
	for i := len(r.Props) - 1; i >= 0; i-- {
		if strings.EqualFold(r.Props[i].Name, name) {
			v := r.Props[i].Value
			return v, v.Kind != Null
		}
	}
	return Value{}, false
}

// Form is the meaning of one resource: the assignments it makes in the file f.
type Form func(f *source.File, r *Resource) []assign.Assignment

// table holds the forms by resource name, lower case.
var table = map[string]Form{
	"userrightsassignment": userRightsAssignment,
	"carbon_privilege":     carbonPrivilege,
}

// Lookup returns the form of the resource called name (any case; MOF's MSFT_ class prefix and a
// module qualifier such as SecurityPolicyDsc\ aside), or nil when it assigns no rights.
func Lookup(name string) Form {
	n := strings.ToLower(strings.TrimSpace(name))
	if i := strings.LastIndexAny(n, `\/`); i >= 0 {
		n = n[i+1:]
	}
	n = strings.TrimPrefix(n, "msft_")
	return table[n]
}

// Assignments reads r with its form: the assignments it makes in f, or nil when r assigns no
// rights.
func Assignments(f *source.File, r *Resource) []assign.Assignment {
	if form := Lookup(r.Name); form != nil {
		return form(f, r)
	}
	return nil
}

// userRightsAssignment is SecurityPolicyDsc's UserRightsAssignment.
func userRightsAssignment(f *source.File, r *Resource) []assign.Assignment {
	policy, ok := r.Get("policy")
	identity, ok2 := r.Get("identity")
	if !ok || !ok2 {
		return nil
	}
	a := assign.Assignment{Op: assign.Grant, Via: r.Via}
	if force, _ := r.Get("force"); isTrue(force) {
		a.Op, a.Scope = assign.Set, r.Scope
	}
	if Absent(r) {
		a.Op, a.Scope = assign.Revoke, ""
	}
	return emit(f, r, a, policy, identity)
}

// carbonPrivilege is Carbon's Carbon_Privilege.
func carbonPrivilege(f *source.File, r *Resource) []assign.Assignment {
	privileges, ok := r.Get("privilege")
	identity, ok2 := r.Get("identity")
	if !ok || !ok2 {
		return nil
	}
	a := assign.Assignment{Op: assign.Grant, Via: r.Via}
	if Absent(r) {
		a.Op = assign.Revoke
	}
	return emit(f, r, a, privileges, identity)
}

// Truth returns what a boolean value says: b is the value and known whether it is known (see the
// package documentation).
func Truth(v Value) (b, known bool) {
	switch v.Kind {
	case Bool:
		return v.Bool, true
	case Null:
		return false, true
	case Str:
		if v.Text.AnyUnresolved() || v.Text.Len() > maxWord {
			return false, false
		}
		switch strings.ToLower(strings.TrimSpace(v.Text.S)) {
		case "true", "$true", "1", "yes", "on":
			return true, true
		case "false", "$false", "0", "no", "off", "":
			return false, true
		}
	}
	return false, false
}

// isTrue reports whether v is known to be true.
func isTrue(v Value) bool {
	b, known := Truth(v)
	return b && known
}

// Absent reports whether the resource's Ensure is known to be Absent.
func Absent(r *Resource) bool {
	v, ok := r.Get("ensure")
	return ok && v.Kind == Str && !v.Text.AnyUnresolved() && v.Text.Len() <= maxWord &&
		strings.EqualFold(strings.TrimSpace(v.Text.S), "absent")
}

// maxWord bounds the text of a value compared with a keyword (true, Absent): anything longer is
// none of them.
const maxWord = 256

// accountCost is what one account of an assignment costs when a resource's rights after the first
// copy its accounts: about what privlint and its checker keep for it.
const accountCost = 64

// emit returns a once per right that rights names, each with the accounts identity names. A right
// is a string known in full; one written twice is kept once.
func emit(f *source.File, r *Resource, a assign.Assignment, rights, identity Value) []assign.Assignment {
	l := accountList{f: f, tooMany: r.TooMany}
	l.add(identity)
	a.Accounts, a.Truncated = l.out, l.truncated
	if rights.Kind == List && rights.Cut && rights.CutAt >= 0 {
		f.Problemf(rights.CutAt, "this list holds more than %d rights; the rest of it is not analyzed", assign.MaxAccounts)
	}
	var out []assign.Assignment
	seen := map[string]bool{}
	for _, rv := range stringValues(rights) {
		t := rv.Text
		lo, hi := vtext.TrimBlanks(t.S, 0, t.Len())
		name := t.S[lo:hi]
		if name == "" || t.Unresolved(lo, hi) || seen[name] {
			continue
		}
		s, e := t.Span(lo, hi)
		if len(seen) > 0 && len(a.Accounts) > 0 && !f.Charge(s, accountCost*len(a.Accounts)) {
			break
		}
		seen[name] = true
		b := a
		b.Right, b.Pos, b.End = name, f.Pos(s), f.Pos(e)
		if len(out) > 0 {
			b.Accounts = append([]assign.Account(nil), a.Accounts...)
		}
		out = append(out, b)
	}
	return out
}

// stringValues returns the strings of a value: itself, or a list's string elements, nested lists
// flattened.
func stringValues(v Value) []Value {
	switch v.Kind {
	case Str:
		return []Value{v}
	case List:
		var out []Value
		for _, e := range v.Elems {
			out = append(out, stringValues(e)...)
		}
		return out
	}
	return nil
}

// accountList collects the accounts of one resource, at most assign.MaxAccounts of them.
type accountList struct {
	f         *source.File
	tooMany   func(off int)
	out       []assign.Account
	truncated bool
	reported  bool // the first account past assign.MaxAccounts is reported
}

// more records that the accounts go on past what is read, at off; reported once.
func (l *accountList) more(off int) {
	l.truncated = true
	if l.reported {
		return
	}
	l.reported = true
	if l.tooMany != nil {
		l.tooMany(off)
	} else {
		assign.TooMany(l.f, off)
	}
}

// account adds the account t[a:b], with the edit rm drops it with (nil: none); false once the list
// is full.
func (l *accountList) account(t vtext.Text, a, b int, rm *[2]int) bool {
	s, _ := t.Span(a, b)
	if len(l.out) >= assign.MaxAccounts {
		l.more(s)
		return false
	}
	acc := assign.AccountOf(l.f, t.Slice(a, b))
	if rm != nil && !acc.Unresolved {
		acc.Remove = []analysis.TextEdit{{Pos: l.f.Pos(rm[0]), End: l.f.Pos(rm[1])}}
	}
	l.out = append(l.out, acc)
	return true
}

// add appends the accounts v names; false once the list is full.
func (l *accountList) add(v Value) bool {
	switch v.Kind {
	case List:
		for _, e := range v.Elems {
			if len(v.Elems) < 2 {
				e.Remove = nil // dropping the only element leaves an empty list, which means something else
			}
			if !l.add(e) {
				return false
			}
		}
		if v.Cut {
			if v.CutAt < 0 {
				l.truncated = true
			} else {
				l.more(v.CutAt)
			}
			return false
		}
	case Unknown:
		lo, hi := vtext.TrimBlanks(v.Text.S, 0, v.Text.Len())
		if lo == hi {
			return true
		}
		t := v.Text.Slice(lo, hi)
		if !t.AnyUnresolved() { // unknown, whatever the language marked
			s, e := v.Text.Span(lo, hi)
			t = vtext.Spread(t.S, s, e, true)
		}
		return l.account(t, 0, t.Len(), v.Remove)
	case Str:
		names := split(v.Text)
		for i, n := range names {
			rm := v.Remove
			if len(names) > 1 {
				rm = nil
				if v.Editable {
					rm = nameRemoval(v.Text, names, i)
				}
			}
			if !l.account(v.Text, n[0], n[1], rm) {
				return false
			}
		}
	}
	return true
}

// split returns the spans of the comma-separated names of t, blanks around them trimmed, empty ones
// skipped. A comma known only at run time does not separate.
func split(t vtext.Text) [][2]int { return slices.Collect(vtext.Names(t, vtext.Commas)) }

// nameRemoval returns the source span to delete to drop name i of names, spans of t: the name and
// the separator after it, or for the last name the separator before it.
func nameRemoval(t vtext.Text, names [][2]int, i int) *[2]int {
	starts, ends := make([]int, len(names)), make([]int, len(names))
	for k, n := range names {
		starts[k], ends[k] = n[0], n[1]
	}
	a, b := assign.ListRemoval(starts, ends, i)
	s, e := t.Span(a, b)
	return &[2]int{s, e}
}

// Removals returns, for the elements of a list written in place in src at the spans [starts[i],
// ends[i]) (each element as written, quotes included), the span of src that drops each one with
// the separator beside it (see assign.ListRemoval). An element alone in its list has none (the
// list would be left empty, which changes what a set means), nor one whose deletion would take
// anything but commas and blanks besides the element: a comment, a bracket of a nested list.
func Removals(src []byte, starts, ends []int) []*[2]int {
	out := make([]*[2]int, len(starts))
	if len(starts) < 2 {
		return out
	}
	for i := range starts {
		s, e := assign.ListRemoval(starts, ends, i)
		if s < 0 || e > len(src) || s > starts[i] || e < ends[i] ||
			!separators(src[s:starts[i]]) || !separators(src[ends[i]:e]) {
			continue
		}
		out[i] = &[2]int{s, e}
	}
	return out
}

// separators reports whether b holds only commas and blanks.
func separators(b []byte) bool {
	for _, c := range b {
		switch c {
		case ',', ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}
