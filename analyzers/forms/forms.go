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
// A boolean property means what value.Value.Truth says: PowerShell 1 and $true, Chef "true",
// Ansible yes and "True" are all true.
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
// The accounts are read by assign.Reader, as every language's are. The rights of one resource
// share its accounts: each right after the first is charged to the file's budget for its copy of
// them, and past the budget the rest of the rights are left out (the budget reports where).
package forms

import (
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Prop is one named property of a resource.
type Prop struct {
	Name  string // as written; compared case-insensitively
	At    int    // where the name is written, for problems about the property
	Value value.Value
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
func (r *Resource) Get(name string) (value.Value, bool) {
	for i := len(r.Props) - 1; i >= 0; i-- {
		if strings.EqualFold(r.Props[i].Name, name) {
			v := r.Props[i].Value
			return v, v.Kind != value.Null
		}
	}
	return value.Value{}, false
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

// isTrue reports whether v is known to be true.
func isTrue(v value.Value) bool {
	b, known := v.Truth()
	return b && known
}

// Absent reports whether the resource's Ensure is known to be Absent.
func Absent(r *Resource) bool {
	v, ok := r.Get("ensure")
	return ok && v.Is("absent")
}

// accountCost is what one account of an assignment costs when a resource's rights after the first
// copy its accounts: about what privlint and its checker keep for it.
const accountCost = 64

// emit returns a once per right that rights names, each with the accounts identity names. A right
// is a string known in full; one written twice is kept once.
func emit(f *source.File, r *Resource, a assign.Assignment, rights, identity value.Value) []assign.Assignment {
	l := assign.Reader{F: f, TooMany: r.TooMany}
	l.Add(identity)
	a.Accounts, a.Truncated = l.Out, l.Truncated
	if rights.Kind == value.List && rights.Cut && rights.CutAt >= 0 {
		f.Problemf(rights.CutAt, "this list holds more than %d rights; the rest of it is not analyzed", assign.MaxAccounts)
	}
	var out []assign.Assignment
	seen := map[string]bool{}
	for _, rv := range rights.Strings() {
		t := rv.Text
		lo, hi := value.TrimBlanks(t.S, 0, t.Len())
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
