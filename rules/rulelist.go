package rules

// The IDs of the catalog's rules.
const (
	ImpersonateOutsideSafeSet = "PL1001"
	AssignTokenOutsideSafeSet = "PL1002"
	BroadGroup                = "PL1003"
	DocumentedException       = "PL1004"
	UnresolvedAccount         = "PL1005"
	MisspelledPrivilege       = "PL2001"
	MalformedAccount          = "PL2002"
	SetDropsRequiredAccount   = "PL2003"
	DuplicateAssignment       = "PL2004"
)

var (
	refImpersonate = Reference{"Microsoft: Impersonate a client after authentication", policyPage("impersonate-a-client-after-authentication")}
	refReplace     = Reference{"Microsoft: Replace a process level token", policyPage("replace-a-process-level-token")}
	refSIDs        = Reference{"Microsoft: Well-known SIDs",
		"https://learn.microsoft.com/en-us/windows-server/identity/ad-ds/manage/understand-security-identifiers"}
	refTemplates      = Reference{"Microsoft: User Rights Assignment", policyPage("user-rights-assignment")}
	refProtectedPrint = Reference{"Microsoft: A new, modern, and secure print experience from Windows (Windows Protected Print)",
		"https://techcommunity.microsoft.com/blog/microsoft-security-blog/a-new-modern-and-secure-print-experience-from-windows/4002645"}
	refSQL = Reference{"Microsoft: Configure Windows service accounts and permissions (SQL Server)",
		"https://learn.microsoft.com/en-us/sql/database-engine/configure-windows/configure-windows-service-accounts-and-permissions"}
)

const infHead = "[Unicode]\nUnicode=yes\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n[Privilege Rights]\n"

// Catalog is every rule privlint reports, sorted by ID.
var Catalog = append([]*Rule{
	{
		ID:    ImpersonateOutsideSafeSet,
		Name:  "impersonate-outside-safe-set",
		Title: "SeImpersonatePrivilege is given to an account outside the documented safe set.",
		Description: "SeImpersonatePrivilege (Impersonate a client after authentication) lets a process act with the token of any " +
			"client that connects to it. Public exploits (RottenPotato, JuicyPotato, PrintSpoofer, GodPotato) turn it into " +
			"SYSTEM, so every account holding it is SYSTEM-equivalent for anyone who can run code as that account. " +
			"Microsoft documents the safe set as Administrators, LOCAL SERVICE, NETWORK SERVICE and SERVICE. " +
			"privlint also counts RESTRICTED SERVICES\\PrintSpoolerService " +
			"(S-1-5-99-216390572-1995538116-3857911515-2404958512-2623887229) as safe for this right: under Windows " +
			"Protected Print the print spooler runs as this restricted identity instead of SYSTEM, recent Windows 11 " +
			"and Windows Server releases give it the right by default, and Microsoft's Windows 11 25H2 security " +
			"baseline assigns it. It is safe for SeImpersonatePrivilege only, never for SeAssignPrimaryTokenPrivilege.",
		Remediation: "Remove the account from the assignment. If a service needs to impersonate its clients, run it as a " +
			"service identity (services carry SERVICE in their token) instead of granting the right to a user or group.",
		Level: LevelError, SecuritySeverity: "8.8", Precision: "high",
		References: []Reference{refImpersonate, refTemplates, refProtectedPrint},
		Bad:        Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\svc-web\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
	{
		ID:    AssignTokenOutsideSafeSet,
		Name:  "assign-primary-token-outside-safe-set",
		Title: "SeAssignPrimaryTokenPrivilege is given to an account outside the documented safe set.",
		Description: "SeAssignPrimaryTokenPrivilege (Replace a process level token) lets a process start another process " +
			"with any token it holds (CreateProcessAsUser). Combined with a token obtained from a client it yields SYSTEM, " +
			"as the Potato exploits show. Microsoft documents the safe set as LOCAL SERVICE and NETWORK SERVICE only: " +
			"unlike SeImpersonatePrivilege, Administrators, SERVICE and the print spooler's " +
			"RESTRICTED SERVICES\\PrintSpoolerService are not in it.",
		Remediation: "Remove the account from the assignment and keep only LOCAL SERVICE and NETWORK SERVICE.",
		Level:       LevelError, SecuritySeverity: "8.8", Precision: "high",
		References: []Reference{refReplace, refTemplates},
		Bad:        Example{"GptTmpl.inf", infHead + "SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20\n"},
	},
	{
		ID:    BroadGroup,
		Name:  "token-privilege-to-broad-group",
		Title: "A checked right is given to a group that most or all users belong to.",
		Description: "Giving SeImpersonatePrivilege or SeAssignPrimaryTokenPrivilege (or a right of the dangerous pack, when " +
			"enabled) to Everyone, Users, Authenticated Users, Domain Users, Guests, ANONYMOUS LOGON, INTERACTIVE or a " +
			"similar group lets any logged-on user become SYSTEM with a public exploit. This is the worst case of a " +
			"grant outside the safe set.",
		Remediation: "Remove the group from the assignment. No documented configuration needs a broad group to hold any of these rights.",
		Level:       LevelError, SecuritySeverity: "9.8", Precision: "very-high",
		References: []Reference{refImpersonate, refReplace, refSIDs},
		Bad:        Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,*S-1-5-32-545\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
	{
		ID:    DocumentedException,
		Name:  "token-privilege-documented-exception",
		Title: "A token right is given to a component account that a documented exception covers, but the exception is not enabled.",
		Description: "Microsoft documents that some components need more accounts to hold the rights: IIS (IIS_IUSRS, IUSR, " +
			"application pool identities, IUSR_/IWAM_<computer>, SERVICE for Replace a process level token) and SQL Server " +
			"(the Agent and Launchpad service accounts for Replace a process level token). These accounts still become " +
			"SYSTEM-equivalent, so privlint reports them until the repository states that the component is deployed.",
		Remediation: "If the component runs on the hosts this configuration targets, enable its exception " +
			"(--exceptions iis or sql, or `exceptions:` in .privlint.yml). Otherwise remove the account.",
		Level: LevelWarning, SecuritySeverity: "5.0", Precision: "high",
		References: []Reference{refImpersonate, refReplace, refSQL},
		Bad:        Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,*S-1-5-32-568\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
	{
		ID:    UnresolvedAccount,
		Name:  "token-privilege-unresolved-account",
		Title: "A checked right is given to an account that privlint cannot resolve statically.",
		Description: "The account comes from an environment variable, a parameter or another value known only when the " +
			"script runs. privlint cannot tell whether it is in the safe set, and a value outside it makes the account " +
			"SYSTEM-equivalent. An account known in part is judged by its written part when that part decides: " +
			"`$env:USERDOMAIN\\svc-agent` or `%COMPUTERNAME%\\svc` names the account svc-agent or svc in some domain (PL1001 or " +
			"PL1002, not this rule), `CONTOSO\\$name` is some account of the domain CONTOSO, outside the safe set whatever " +
			"the name (unless the iis exception is enabled: it might be IUSR_<computer>), and `IIS APPPOOL\\$pool` is an " +
			"application pool identity; `NT AUTHORITY\\$name` and `$prefix-svc` are this rule.",
		Remediation: "Write the account literally, or validate the value against the safe set before the grant and " +
			"suppress this finding with a reason.",
		Level: LevelWarning, SecuritySeverity: "6.5", Precision: "medium",
		References: []Reference{refImpersonate, refReplace},
		Bad:        Example{"grant.ps1", "Grant-CPrivilege -Identity $env:SVC_ACCOUNT -Privilege SeImpersonatePrivilege\n"},
		Good:       Example{"grant.ps1", "Grant-CPrivilege -Identity 'NT AUTHORITY\\NETWORK SERVICE' -Privilege SeImpersonatePrivilege\n"},
	},
	{
		ID:    MisspelledPrivilege,
		Name:  "misspelled-privilege",
		Title: "A right name is almost the name of a checked right, such as SeImpersonatePrivilege.",
		Description: "Windows ignores a right name it does not know, so a misspelled assignment silently does nothing: the " +
			"hardening it was meant to apply never happens and the right keeps whatever accounts it had.",
		Remediation: "Correct the spelling of the right name.",
		Level:       LevelWarning, SecuritySeverity: "5.0", Precision: "high",
		References: []Reference{refTemplates},
		Bad:        Example{"GptTmpl.inf", infHead + "SeImpersonatePrivelege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
	{
		ID:    MalformedAccount,
		Name:  "malformed-account",
		Title: "An account in an assignment of a checked right is not a valid account.",
		Description: "An empty list element, a `*` without a SID or a SID with a bad syntax is not an account. Depending on " +
			"the tool applying it, the whole assignment fails or the element is dropped, so the result differs from " +
			"what the file says.",
		Remediation: "Remove the empty element or write the SID in the form *S-1-5-19.",
		Level:       LevelWarning, SecuritySeverity: "4.0", Precision: "high",
		References: []Reference{refSIDs},
		Bad:        Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-2O,*S-1-5-6\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
	{
		ID:    SetDropsRequiredAccount,
		Name:  "set-drops-required-account",
		Title: "An assignment that replaces the whole list leaves out an account Windows services need.",
		Description: "A template line (or any other replacing assignment) sets the complete list of accounts. Services run " +
			"as LOCAL SERVICE and NETWORK SERVICE need SeAssignPrimaryTokenPrivilege, and services rely on SERVICE, " +
			"LOCAL SERVICE and NETWORK SERVICE holding SeImpersonatePrivilege; leaving them out breaks those services. " +
			"privlint reports this only on assignments that have no other finding, so a line needing a rewrite gets one " +
			"finding.",
		Remediation: "Keep the documented default accounts in the list: LOCAL SERVICE and NETWORK SERVICE (both rights) " +
			"and SERVICE (SeImpersonatePrivilege).",
		Level: LevelNote, SecuritySeverity: "2.0", Precision: "high",
		References: []Reference{refImpersonate, refReplace},
		Bad:        Example{"GptTmpl.inf", infHead + "SeAssignPrimaryTokenPrivilege =\n"},
		Good:       Example{"GptTmpl.inf", infHead + "SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20\n"},
	},
	{
		ID:    DuplicateAssignment,
		Name:  "duplicate-assignment",
		Title: "The same checked right is assigned twice in one template.",
		Description: "When a template assigns a right twice, only one of the lines takes effect. Reviewers read the other " +
			"one and draw the wrong conclusion about who holds the right.",
		Remediation: "Merge the lines into one assignment.",
		Level:       LevelWarning, SecuritySeverity: "4.0", Precision: "very-high",
		References: []Reference{refTemplates},
		Bad: Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n" +
			"SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
		Good: Example{"GptTmpl.inf", infHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"},
	},
}, append(dangerousRules(), customRule)...)

// customRule reports the rights a team defines in .privlint.yml (custom-rights:).
var customRule = &Rule{
	ID:    CustomOutsideSafeSet,
	Name:  "custom-right-outside-safe-set",
	Title: "A right the configuration defines is given to an account outside the safe set it lists.",
	Description: "A team can have privlint check a right it does not check by itself: custom-rights: in .privlint.yml " +
		"names the right's constant (and other names it is written as) and its safe set. privlint then finds its " +
		"grants in every input format, as it does for its own rights, and reports each account outside that safe " +
		"set, at the level the entry gives (warning when it gives none).",
	Remediation: "Remove the account from the assignment, or add it to the right's safe set in .privlint.yml if it " +
		"belongs there everywhere (an allow entry accepts it in some paths only).",
	Level: LevelWarning, SecuritySeverity: "5.0", Precision: "high",
	References: []Reference{refTemplates, refPrivilegeConstants},
	Bad:        Example{"GptTmpl.inf", infHead + "SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551,CONTOSO\\svc-app\n"},
	Good:       Example{"GptTmpl.inf", infHead + "SeBatchLogonRight = *S-1-5-32-544,*S-1-5-32-551\n"},
	Config: "custom-rights:\n  - constant: SeBatchLogonRight\n    names: [Log on as a batch job]\n" +
		"    safe: [Administrators, Backup Operators]\n",
}
