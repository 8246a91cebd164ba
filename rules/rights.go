package rules

import (
	"slices"
	"strings"
)

// Right is a user right privlint can check: one of its built-in rights or one the configuration
// defines (Define). Rights compare equal when they are the same right; the zero Right is none.
type Right struct{ d *definition }

// definition is everything privlint knows of one right: its names, its safe set, the accounts
// Windows needs to hold it, its rule and the words the keyword prefilter looks for. Every other
// package reads the rights from here.
type definition struct {
	constant, display, dsc string
	csp                    string   // the Policy CSP UserRights setting name (Intune), lower case
	other                  []string // further spellings seen in documentation
	// safe is the documented safe set, by SID (see safeSets' sources in policy.go); required are
	// the accounts Windows services rely on holding the right (a set without them breaks them).
	safe, required []string
	outsideRule    string // the rule of an account outside the safe set
	// keywords are lower-case fragments, at least one of which every file that names the right in
	// any of its spellings holds (the keyword prefilter reads them).
	keywords []string
	pack     string // the pack that holds the right (PackToken, PackDangerous); "" for a defined right
	level    Level  // a defined right's findings' level; "" for built-in rights, whose rules decide
	page     string // Microsoft's policy page of a built-in right
}

// The packs of built-in rights: --rights and the configuration's rights: name them.
const (
	PackToken     = "token"     // SeImpersonatePrivilege and SeAssignPrimaryTokenPrivilege: the default
	PackDangerous = "dangerous" // the other rights whose holders can take over the computer
	PackAll       = "all"       // both
)

// Impersonate and AssignPrimaryToken are the token rights, the Potato exploits' way to SYSTEM.
var (
	Impersonate = Right{&definition{
		constant:    "SeImpersonatePrivilege",
		display:     "Impersonate a client after authentication",
		dsc:         "Impersonate_a_client_after_authentication",
		csp:         "impersonateclient",
		safe:        []string{"S-1-5-32-544", "S-1-5-19", "S-1-5-20", "S-1-5-6", PrintSpoolerSID},
		required:    []string{"S-1-5-19", "S-1-5-20", "S-1-5-6"},
		outsideRule: ImpersonateOutsideSafeSet,
		keywords:    []string{"impersonat"},
		pack:        PackToken,
	}}
	AssignPrimaryToken = Right{&definition{
		constant:    "SeAssignPrimaryTokenPrivilege",
		display:     "Replace a process level token",
		dsc:         "Replace_a_process_level_token",
		csp:         "replaceprocessleveltoken",
		other:       []string{"Replace a process-level token", "Replace_a_process-level_token"},
		safe:        []string{"S-1-5-19", "S-1-5-20"},
		required:    []string{"S-1-5-19", "S-1-5-20"},
		outsideRule: AssignTokenOutsideSafeSet,
		keywords:    []string{"primarytoken", "level token", "level_token", "level-token", "leveltoken"},
		pack:        PackToken,
	}}
)

// Builtin lists the built-in rights in a stable order: the token rights, then the dangerous pack
// (dangerous.go).
var Builtin = append([]Right{Impersonate, AssignPrimaryToken}, dangerous...)

// Pack returns the built-in rights of a pack, by name in any case.
func Pack(name string) ([]Right, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	var out []Right
	for _, r := range Builtin {
		if name == PackAll || r.d.pack == name {
			out = append(out, r)
		}
	}
	return out, len(out) > 0
}

// PackNames returns the names of the packs.
func PackNames() []string { return []string{PackToken, PackDangerous, PackAll} }

// def returns r's definition; the zero Right has an empty one.
func (r Right) def() *definition {
	if r.d == nil {
		return &definition{}
	}
	return r.d
}

// IsZero reports whether r is no right.
func (r Right) IsZero() bool { return r.d == nil }

// Builtin reports whether r is one of privlint's rights, not one the configuration defines.
func (r Right) Builtin() bool { return r.d != nil && r.d.pack != "" }

// Pack returns the pack that holds r; "" for a right the configuration defines.
func (r Right) Pack() string { return r.def().pack }

// Level returns the level of the findings of a right the configuration defines; "" for a built-in
// right, whose rules decide.
func (r Right) Level() Level { return r.def().level }

// Required returns the SIDs of the accounts Windows services rely on holding r.
func (r Right) Required() []string { return slices.Clone(r.def().required) }

// OutsideRule returns the ID of the rule of an account outside r's safe set.
func (r Right) OutsideRule() string { return r.def().outsideRule }

// String returns the right's constant name, as written in security templates.
func (r Right) String() string {
	if r.d == nil {
		return "unknown right"
	}
	return r.d.constant
}

// DisplayName returns the name the policy editor shows.
func (r Right) DisplayName() string { return r.def().display }

// DSCPolicy returns the SecurityPolicyDsc UserRightsAssignment Policy value.
func (r Right) DSCPolicy() string { return r.def().dsc }

// spellings returns every name the right is written as.
func (r Right) spellings() []string {
	out := []string{r.d.constant}
	for _, s := range append([]string{r.d.display, r.d.dsc}, r.d.other...) {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// LookupRight returns the built-in right written as name: its constant, display name or DSC policy
// name, in any case. Surrounding spaces are ignored. It is for names a user gives privlint; a
// file's analysis asks the scan's Set.
func LookupRight(name string) (Right, bool) { return All.Lookup(name) }

// knownRights lists every user-right and privilege constant Windows defines, so that a real right is
// never taken for a misspelling of one of the two.
var knownRights = func() map[string]bool {
	m := make(map[string]bool)
	for _, s := range []string{
		"SeAssignPrimaryTokenPrivilege", "SeAuditPrivilege", "SeBackupPrivilege", "SeBatchLogonRight",
		"SeChangeNotifyPrivilege", "SeCreateGlobalPrivilege", "SeCreatePagefilePrivilege",
		"SeCreatePermanentPrivilege", "SeCreateSymbolicLinkPrivilege", "SeCreateTokenPrivilege",
		"SeDebugPrivilege", "SeDelegateSessionUserImpersonatePrivilege", "SeDenyBatchLogonRight",
		"SeDenyInteractiveLogonRight", "SeDenyNetworkLogonRight", "SeDenyRemoteInteractiveLogonRight",
		"SeDenyServiceLogonRight", "SeEnableDelegationPrivilege", "SeImpersonatePrivilege",
		"SeIncreaseBasePriorityPrivilege", "SeIncreaseQuotaPrivilege", "SeIncreaseWorkingSetPrivilege",
		"SeInteractiveLogonRight", "SeLoadDriverPrivilege", "SeLockMemoryPrivilege",
		"SeMachineAccountPrivilege", "SeManageVolumePrivilege", "SeNetworkLogonRight",
		"SeProfileSingleProcessPrivilege", "SeRelabelPrivilege", "SeRemoteInteractiveLogonRight",
		"SeRemoteShutdownPrivilege", "SeRestorePrivilege", "SeSecurityPrivilege", "SeServiceLogonRight",
		"SeShutdownPrivilege", "SeSyncAgentPrivilege", "SeSystemEnvironmentPrivilege",
		"SeSystemProfilePrivilege", "SeSystemtimePrivilege", "SeTakeOwnershipPrivilege", "SeTcbPrivilege",
		"SeTimeZonePrivilege", "SeTrustedCredManAccessPrivilege", "SeUndockPrivilege",
		"SeUnsolicitedInputPrivilege",
	} {
		m[strings.ToLower(s)] = true
	}
	return m
}()

// IsKnownRight reports whether name is any Windows user right or privilege constant, in any case.
func IsKnownRight(name string) bool { return knownRights[strings.ToLower(strings.TrimSpace(name))] }

// maxMisspelling is the largest edit distance at which a name counts as a misspelling.
const maxMisspelling = 2

// editDistance returns the optimal string alignment distance between a and b, counted in runes, or
// limit+1 as soon as it is certain to exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
