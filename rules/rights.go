package rules

import (
	"slices"
	"strings"
)

// Right is one of the two user rights privlint checks.
type Right int

// The rights privlint checks. The zero Right means "not one of them".
const (
	Impersonate        Right = iota + 1 // SeImpersonatePrivilege
	AssignPrimaryToken                  // SeAssignPrimaryTokenPrivilege
)

// Rights lists the checked rights in a stable order.
var Rights = []Right{Impersonate, AssignPrimaryToken}

// rightInfo is everything privlint knows of one right: its names, its safe set, the accounts
// Windows needs to hold it, its rule and the words the keyword prefilter looks for. Every other
// package reads the rights from here.
type rightInfo struct {
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
}

var names = map[Right]rightInfo{
	Impersonate: {
		constant:    "SeImpersonatePrivilege",
		display:     "Impersonate a client after authentication",
		dsc:         "Impersonate_a_client_after_authentication",
		csp:         "impersonateclient",
		safe:        []string{"S-1-5-32-544", "S-1-5-19", "S-1-5-20", "S-1-5-6", PrintSpoolerSID},
		required:    []string{"S-1-5-19", "S-1-5-20", "S-1-5-6"},
		outsideRule: ImpersonateOutsideSafeSet,
		keywords:    []string{"impersonat"},
	},
	AssignPrimaryToken: {
		constant:    "SeAssignPrimaryTokenPrivilege",
		display:     "Replace a process level token",
		dsc:         "Replace_a_process_level_token",
		csp:         "replaceprocessleveltoken",
		other:       []string{"Replace a process-level token", "Replace_a_process-level_token"},
		safe:        []string{"S-1-5-19", "S-1-5-20"},
		required:    []string{"S-1-5-19", "S-1-5-20"},
		outsideRule: AssignTokenOutsideSafeSet,
		keywords:    []string{"primarytoken", "level token", "level_token", "level-token", "leveltoken"},
	},
}

// Required returns the SIDs of the accounts Windows services rely on holding r.
func (r Right) Required() []string { return slices.Clone(names[r].required) }

// OutsideRule returns the ID of the rule of an account outside r's safe set.
func (r Right) OutsideRule() string { return names[r].outsideRule }

// LookupCSP returns the right a Policy CSP UserRights setting name (ImpersonateClient) names.
func LookupCSP(name string) (Right, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, r := range Rights {
		if names[r].csp == n {
			return r, true
		}
	}
	return 0, false
}

// Keywords returns the lower-case fragments the keyword prefilter looks for to find the rights'
// names in any spelling, besides the word privilege.
func Keywords() []string {
	var out []string
	for _, r := range Rights {
		out = append(out, names[r].keywords...)
	}
	return out
}

// Constants returns the rights' constant names, in the order of Rights.
func Constants() []string {
	out := make([]string, len(Rights))
	for i, r := range Rights {
		out[i] = r.String()
	}
	return out
}

// ConstantsText names the rights for text: "SeImpersonatePrivilege and SeAssignPrimaryTokenPrivilege"
// with the conjunction given.
func ConstantsText(conjunction string) string {
	c := Constants()
	if len(c) < 2 {
		return strings.Join(c, "")
	}
	return strings.Join(c[:len(c)-1], ", ") + " " + conjunction + " " + c[len(c)-1]
}

// String returns the right's constant name, as written in security templates.
func (r Right) String() string {
	if n, ok := names[r]; ok {
		return n.constant
	}
	return "unknown right"
}

// DisplayName returns the name the policy editor shows.
func (r Right) DisplayName() string { return names[r].display }

// DSCPolicy returns the SecurityPolicyDsc UserRightsAssignment Policy value.
func (r Right) DSCPolicy() string { return names[r].dsc }

var rightByName = func() map[string]Right {
	m := make(map[string]Right)
	for r, n := range names {
		for _, s := range append([]string{n.constant, n.display, n.dsc}, n.other...) {
			m[strings.ToLower(s)] = r
		}
	}
	return m
}()

// LookupRight returns the right written as name: its constant, display name or DSC policy name, in
// any case. Surrounding spaces are ignored.
func LookupRight(name string) (Right, bool) {
	r, ok := rightByName[strings.ToLower(strings.TrimSpace(name))]
	return r, ok
}

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

// Misspelled reports the right that name almost spells: a name within two edits (insertions,
// deletions, substitutions or swaps of adjacent letters, in any case) of a right's constant or DSC
// policy name that is not itself a right Windows knows. Windows ignores such a name, so the
// assignment silently does nothing.
func Misspelled(name string) (Right, bool) {
	name = strings.TrimSpace(name)
	if name == "" || IsKnownRight(name) {
		return 0, false
	}
	if _, ok := LookupRight(name); ok {
		return 0, false
	}
	lower := strings.ToLower(name)
	for _, r := range Rights {
		for _, target := range []string{names[r].constant, names[r].dsc} {
			if editDistance(lower, strings.ToLower(target), maxMisspelling) <= maxMisspelling {
				return r, true
			}
		}
	}
	return 0, false
}

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
