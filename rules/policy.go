package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Class is the verdict on one account given one right.
type Class string

// Classes of account, as SARIF results and JSON output name them.
const (
	ClassSafe       Class = "safe"        // in the documented safe set for the right
	ClassException  Class = "exception"   // a documented component exception (see Verdict.Component)
	ClassBroad      Class = "broad-group" // a group most or all users belong to
	ClassSystem     Class = "system"      // SYSTEM: already holds every right, a grant changes nothing
	ClassSpecific   Class = "specific"    // any other account: outside the safe set
	ClassUnresolved Class = "unresolved"  // a variable or parameter the analyzer cannot resolve
	ClassMalformed  Class = "malformed"   // not a valid account
)

// PrintSpoolerSID is RESTRICTED SERVICES\PrintSpoolerService, the identity the print spooler runs
// as under Windows Protected Print.
const PrintSpoolerSID = "S-1-5-99-216390572-1995538116-3857911515-2404958512-2623887229"

// The safe set of each right, by SID (rightInfo.safe): the documented set (Microsoft's policy
// pages; CIS 2.2.24/2.2.36 for clients, 2.2.32/2.2.33/2.2.45 for servers; DISA STIG WN22-UR-000130)
// and, for SeImpersonatePrivilege only, the print spooler's restricted identity, which recent
// Windows 11 and Windows Server releases give that right by default and Microsoft's Windows 11 25H2
// security baseline assigns (Windows Protected Print). It is not safe for
// SeAssignPrimaryTokenPrivilege.

// SafeSet returns the SIDs of the documented safe set of r.
func SafeSet(r Right) []string { return slices.Clone(r.d.safe) }

// SafeSetNames returns the safe set of r as names, for messages: "none" when no account should
// hold r.
func SafeSetNames(r Right) string {
	if len(r.d.safe) == 0 {
		return "none"
	}
	var out []string
	for _, sid := range r.d.safe {
		name := sidNames[sid]
		if name == "" {
			name = sid // a right the configuration defines may list any SID
		}
		for _, authority := range []string{`NT AUTHORITY\`, `BUILTIN\`, `RESTRICTED SERVICES\`} {
			name = strings.TrimPrefix(name, authority)
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}

// systemSID is LocalSystem's SID.
const systemSID = "S-1-5-18"

// broadSIDs are groups that most or all users belong to.
var broadSIDs = map[string]bool{
	"S-1-1-0": true, "S-1-2-0": true, "S-1-5-2": true, "S-1-5-3": true, "S-1-5-4": true,
	"S-1-5-7": true, "S-1-5-11": true, "S-1-5-14": true, "S-1-5-15": true, "S-1-5-113": true,
	"S-1-5-32-545": true, "S-1-5-32-546": true, "S-1-5-32-547": true, "S-1-5-32-555": true,
}

// broadRIDs are domain-relative groups and accounts most or all users can use.
var broadRIDs = map[int]bool{501: true, 513: true, 514: true, 515: true}

// Exception is a documented component exception: accounts a Windows component needs to hold one of
// the rights, allowed only when the configuration names the component.
type Exception struct {
	Name        string // the component, as --exceptions and configuration name it
	Description string
	Allows      func(Right, Identity) bool
	// DomainNames is set when the exception allows accounts of an ordinary domain or computer by
	// their name (IUSR_<computer>): a name in such a domain known only at run time may be one.
	DomainNames bool
}

// Exceptions lists the documented component exceptions by name.
var Exceptions = map[string]Exception{
	"iis": {
		Name:        "iis",
		Description: "IIS and ASP.NET: IIS_IUSRS, IUSR, application pool identities, IUSR_/IWAM_<computer>, IIS_WPG, ASP.NET; SERVICE for Replace a process level token",
		Allows:      iisAllows,
		DomainNames: true,
	},
	"sql": {
		Name:        "sql",
		Description: `SQL Server: NT SERVICE\SQLSERVERAGENT, NT SERVICE\SQLAgent$<instance> and NT SERVICE\MSSQLLaunchpad for Replace a process level token`,
		Allows:      sqlAllows,
	},
}

// ExceptionNames returns the names of the documented exceptions, sorted.
func ExceptionNames() []string {
	var s []string
	for n := range Exceptions {
		s = append(s, n)
	}
	sort.Strings(s)
	return s
}

// bareName returns the account name without its domain or authority prefix, lower case.
func bareName(id Identity) string {
	n := strings.ToLower(id.Text)
	if i := strings.LastIndexByte(n, '\\'); i >= 0 {
		n = n[i+1:]
	}
	return n
}

// iisAllows follows Microsoft's policy pages ("IIS requires that the Service, Network Service, and
// IWAM_<ComputerName> accounts be explicitly granted"; IUSR_<ComputerName>, IIS_WPG, ASP.NET,
// IWAM_<ComputerName> for Impersonate) and CIS's Member Server note for IIS_IUSRS.
func iisAllows(r Right, id Identity) bool {
	n := bareName(id)
	if id.Kind == KindAppPool {
		return true
	}
	switch r {
	case Impersonate:
		return id.SID == "S-1-5-32-568" || id.SID == "S-1-5-17" ||
			strings.HasPrefix(n, "iusr_") || strings.HasPrefix(n, "iwam_") ||
			n == "iis_wpg" || n == "asp.net" || n == "aspnet"
	case AssignPrimaryToken:
		return id.SID == "S-1-5-6" || strings.HasPrefix(n, "iwam_")
	}
	return false
}

var sqlServiceSIDs = map[string]bool{
	ServiceSID("SQLSERVERAGENT"): true,
	ServiceSID("MSSQLLaunchpad"): true,
}

// sqlAllows follows SQL Server's service account documentation: the Agent and Launchpad services
// need Replace a process level token.
func sqlAllows(r Right, id Identity) bool {
	if r != AssignPrimaryToken || id.Kind != KindService {
		return false
	}
	if sqlServiceSIDs[id.SID] {
		return true
	}
	n := bareName(id)
	return strings.HasPrefix(n, "sqlagent$")
}

// Policy is what a scan accepts beyond the safe sets.
type Policy struct {
	Exceptions []string // enabled component exceptions, by name
}

// Verdict is the classification of one account for one right.
type Verdict struct {
	Class     Class
	Component string // for ClassException: the component whose documented exception this is
	Enabled   bool   // for ClassException: the policy enables the component
	Identity  Identity
}

// String renders the class as SARIF and JSON output name it: "exception:iis" for exceptions.
func (v Verdict) String() string {
	if v.Class == ClassException {
		return fmt.Sprintf("%s:%s", v.Class, v.Component)
	}
	return string(v.Class)
}

// Classify decides how an account given r stands under the policy. Unresolved accounts (the text of
// a variable the analyzer could not follow) are ClassUnresolved.
func (p Policy) Classify(r Right, text string, unresolved bool) Verdict {
	if unresolved {
		return Verdict{Class: ClassUnresolved, Identity: Identity{Text: strings.TrimSpace(text), Kind: KindName}}
	}
	id := Identify(text)
	v := Verdict{Identity: id}
	switch {
	case id.Kind == KindMalformed:
		v.Class = ClassMalformed
	case id.SID != "" && slices.Contains(r.d.safe, id.SID):
		v.Class = ClassSafe
	case id.SID == systemSID:
		v.Class = ClassSystem
	case broadSIDs[id.SID] || (id.Kind == KindDomainRID && broadRIDs[id.RID]):
		v.Class = ClassBroad
	default:
		v.Class = ClassSpecific
		for _, name := range ExceptionNames() {
			if Exceptions[name].Allows(r, id) {
				v.Class, v.Component = ClassException, name
				v.Enabled = slices.Contains(p.Exceptions, name)
				break
			}
		}
	}
	return v
}
