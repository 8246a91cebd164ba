package rules

import "strings"

// The dangerous pack: the rights besides the token rights whose holders can take over the
// computer (Microsoft's policy pages: "take complete control of the device", "complete control over
// the system", "take control of any object", "overwrite executable files"; event 4672 lists them as
// sensitive privileges). Each safe set is the union of the holders Microsoft's default-values table
// lists for any role (a stock computer or domain controller has no finding); LocalSystem holds every
// right already (ClassSystem), so rights no account should hold have an empty safe set.

// The dangerous pack's rights.
var (
	Debug = pack(packRight{
		constant: "SeDebugPrivilege", display: "Debug programs", csp: "debugprograms",
		safe: []string{"S-1-5-32-544"}, rule: DebugOutsideSafeSet, slug: "debug-programs",
		keywords: []string{"debug program", "debug_program", "debugprogram"},
	})
	Tcb = pack(packRight{
		constant: "SeTcbPrivilege", display: "Act as part of the operating system", csp: "actaspartoftheoperatingsystem",
		rule: TcbOutsideSafeSet, slug: "act-as-part-of-the-operating-system",
		keywords: []string{"part of the operating", "part_of_the_operating", "partoftheoperating"},
	})
	CreateToken = pack(packRight{
		constant: "SeCreateTokenPrivilege", display: "Create a token object", csp: "createtoken",
		rule: CreateTokenOutsideSafeSet, slug: "create-a-token-object",
		keywords: []string{"token object", "token_object", "createtoken"},
	})
	LoadDriver = pack(packRight{
		constant: "SeLoadDriverPrivilege", display: "Load and unload device drivers", csp: "loadunloaddevicedrivers",
		safe: []string{"S-1-5-32-544", "S-1-5-32-550"}, rule: LoadDriverOutsideSafeSet, slug: "load-and-unload-device-drivers",
		keywords: []string{"device driver", "device_driver", "devicedriver"},
	})
	Backup = pack(packRight{
		constant: "SeBackupPrivilege", display: "Back up files and directories", csp: "backupfilesanddirectories",
		safe: []string{"S-1-5-32-544", "S-1-5-32-551", "S-1-5-32-549"}, rule: BackupOutsideSafeSet, slug: "back-up-files-and-directories",
		keywords: []string{"back up files", "back_up_files", "backupfiles"},
	})
	Restore = pack(packRight{
		constant: "SeRestorePrivilege", display: "Restore files and directories", csp: "restorefilesanddirectories",
		safe: []string{"S-1-5-32-544", "S-1-5-32-551", "S-1-5-32-549"}, rule: RestoreOutsideSafeSet, slug: "restore-files-and-directories",
		keywords: []string{"restore files", "restore_files", "restorefiles"},
	})
	TakeOwnership = pack(packRight{
		constant: "SeTakeOwnershipPrivilege", display: "Take ownership of files or other objects", csp: "takeownership",
		safe: []string{"S-1-5-32-544"}, rule: TakeOwnershipOutsideSafeSet, slug: "take-ownership-of-files-or-other-objects",
		keywords: []string{"take ownership", "take_ownership", "takeownership"},
	})
	ManageVolume = pack(packRight{
		constant: "SeManageVolumePrivilege", display: "Perform volume maintenance tasks", csp: "managevolume",
		safe: []string{"S-1-5-32-544"}, rule: ManageVolumeOutsideSafeSet, slug: "perform-volume-maintenance-tasks",
		keywords: []string{"volume maintenance", "volume_maintenance", "managevolume"},
	})
	Relabel = pack(packRight{
		constant: "SeRelabelPrivilege", display: "Modify an object label", csp: "modifyobjectlabel",
		rule: RelabelOutsideSafeSet, slug: "modify-an-object-label",
		keywords: []string{"object label", "object_label", "objectlabel"},
	})
)

var dangerous = []Right{Debug, Tcb, CreateToken, LoadDriver, Backup, Restore, TakeOwnership, ManageVolume, Relabel}

// packRight is a dangerous right as its row above writes it: the DSC policy name is the display
// name with underscores (SecurityPolicyDsc's UserRightsAssignment), and the policy page is
// Microsoft's page named slug.
type packRight struct {
	constant, display, csp string
	safe                   []string
	rule, slug             string
	keywords               []string
}

func pack(p packRight) Right {
	return Right{&definition{
		constant: p.constant, display: p.display, dsc: underscored(p.display), csp: p.csp,
		safe: p.safe, outsideRule: p.rule, keywords: p.keywords, pack: PackDangerous, page: policyPage(p.slug),
	}}
}

func underscored(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == ' ' {
			b[i] = '_'
		}
	}
	return string(b)
}

// policyPage is the address of Microsoft's policy page of a right.
func policyPage(slug string) string {
	return "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/security-policy-settings/" + slug
}

// The IDs of the dangerous pack's rules, one per right, and of the rule of rights the
// configuration defines.
const (
	CustomOutsideSafeSet        = "PL1100"
	DebugOutsideSafeSet         = "PL1101"
	TcbOutsideSafeSet           = "PL1102"
	CreateTokenOutsideSafeSet   = "PL1103"
	LoadDriverOutsideSafeSet    = "PL1104"
	BackupOutsideSafeSet        = "PL1105"
	RestoreOutsideSafeSet       = "PL1106"
	TakeOwnershipOutsideSafeSet = "PL1107"
	ManageVolumeOutsideSafeSet  = "PL1108"
	RelabelOutsideSafeSet       = "PL1109"
)

var (
	refPrivilegeConstants = Reference{"Microsoft: Privilege Constants (Authorization)",
		"https://learn.microsoft.com/en-us/windows/win32/secauthz/privilege-constants"}
	refSensitivePrivileges = Reference{"Microsoft: 4672(S) Special privileges assigned to new logon (sensitive privileges)",
		"https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/auditing/event-4672"}
	refSQLInstantInit = Reference{"Microsoft: Database instant file initialization (SQL Server)",
		"https://learn.microsoft.com/en-us/sql/relational-databases/databases/database-instant-file-initialization"}
)

// dangerousDoc is what a dangerous right's rule says beyond what its row gives: what the right
// lets a holder do and how that becomes control of the computer.
type dangerousDoc struct {
	right     Right
	what      string // the description's first sentences
	extra     []Reference
	severity  string
	remediate string // said after "Remove the account from the assignment."
}

var dangerousDocs = []dangerousDoc{
	{Debug, "SeDebugPrivilege (Debug programs) lets a process open any process, SYSTEM's included, and read or " +
		"write its memory or start a thread in it: its holder runs code as SYSTEM and reads the credentials LSASS " +
		"holds. Microsoft recommends that only Administrators hold it.", []Reference{refSensitivePrivileges}, "8.8",
		"Developers who debug their own programs do not need it."},
	{Tcb, "SeTcbPrivilege (Act as part of the operating system) makes its holder part of the trusted computing " +
		"base: it can log on any user without a password (LsaLogonUser with S4U) and add any group to the token. " +
		"Microsoft's policy page says a holder can take complete control of the device, and that not even " +
		"Administrators should hold it; LocalSystem holds it already.", nil, "9.0",
		"A service that needs it should run as LocalSystem, which holds it already."},
	{CreateToken, "SeCreateTokenPrivilege (Create a token object) lets a process build an access token with any " +
		"user, groups and privileges (NtCreateToken), Administrators or SYSTEM included. Microsoft's policy page " +
		"says a holder has complete control over the system; only LocalSystem, which holds it already, uses it.",
		nil, "9.0", "No account should hold it."},
	{LoadDriver, "SeLoadDriverPrivilege (Load and unload device drivers) lets a process load a kernel driver, " +
		"which runs with unrestricted access to the whole computer: loading a signed but vulnerable driver gives " +
		"kernel code execution. Microsoft's default holders are Administrators, and Print Operators on domain " +
		"controllers.", nil, "8.8", "Install drivers through a deployment tool that runs as an administrator."},
	{Backup, "SeBackupPrivilege (Back up files and directories) grants read access to every file and registry " +
		"key whatever its ACL: its holder copies the SAM, SYSTEM and SECURITY hives or NTDS.dit and takes the " +
		"local or domain password hashes. Microsoft's default holders are Administrators and Backup Operators, " +
		"and Server Operators on domain controllers.", []Reference{refSensitivePrivileges}, "8.1",
		"A backup product's own service account is a deliberate holder: accept it with an allow entry that says why."},
	{Restore, "SeRestorePrivilege (Restore files and directories) grants write access to every file and registry " +
		"key whatever its ACL, and lets its holder set any owner: it replaces a service's binary or an image's " +
		"registry key and runs code as SYSTEM. Microsoft's default holders are Administrators and Backup " +
		"Operators, and Server Operators on domain controllers.", []Reference{refSensitivePrivileges}, "8.8",
		"Give it only to accounts whose role is restoring data."},
	{TakeOwnership, "SeTakeOwnershipPrivilege (Take ownership of files or other objects) lets its holder become the " +
		"owner of any file, registry key, service or process whatever its ACL, and an owner can rewrite the ACL: " +
		"its holder takes over a service binary or a system registry key and runs code as SYSTEM. Microsoft's " +
		"default holder is Administrators.", []Reference{refSensitivePrivileges}, "8.8",
		"Grant access to the objects concerned instead of the right to own them all."},
	{ManageVolume, "SeManageVolumePrivilege (Perform volume maintenance tasks) lets a process open a volume " +
		"directly and read or write its raw sectors, beneath every file ACL: Microsoft's policy page says this " +
		"can modify data that leads to elevation of privilege, and public exploits write system files through " +
		"it. Microsoft's default holder is Administrators. SQL Server's service account is often given it for " +
		"instant file initialization.", []Reference{refSQLInstantInit}, "7.8",
		"For SQL Server instant file initialization, accept the SQL Server service with an allow entry that says why."},
	{Relabel, "SeRelabelPrivilege (Modify an object label) lets its holder raise or lower the integrity label of " +
		"objects owned by others, which defeats Windows integrity control: a holder takes write access to " +
		"objects that System integrity protects. Microsoft's policy page says no group should hold it.", nil, "7.8",
		"No account should hold it."},
}

// dangerousRules returns the rules of the dangerous pack, one per right, with their examples: a
// security template that gives the right to a domain account, and the template with the safe set.
func dangerousRules() []*Rule {
	var out []*Rule
	for _, d := range dangerousDocs {
		r := d.right
		safe := "no account: LocalSystem holds it already"
		if len(r.d.safe) > 0 {
			safe = SafeSetNames(r)
		}
		good, bad := r.d.constant+" =\n", r.d.constant+" = CONTOSO\\svc-app\n"
		if len(r.d.safe) > 0 {
			list := "*" + strings.Join(r.d.safe, ",*")
			good, bad = r.d.constant+" = "+list+"\n", r.d.constant+" = "+list+",CONTOSO\\svc-app\n"
		}
		out = append(out, &Rule{
			ID:    r.d.outsideRule,
			Name:  kebab(strings.TrimSuffix(strings.TrimPrefix(r.d.constant, "Se"), "Privilege")) + "-outside-safe-set",
			Title: r.d.constant + " is given to an account outside the documented safe set.",
			Description: d.what + " privlint checks it when the dangerous pack is enabled (--rights dangerous or all, " +
				"or rights: in .privlint.yml). The safe set is " + safe + ".",
			Remediation: "Remove the account from the assignment. " + d.remediate,
			Level:       LevelError, SecuritySeverity: d.severity, Precision: "high",
			References: append([]Reference{{"Microsoft: " + r.d.display, r.d.page}, refTemplates, refPrivilegeConstants}, d.extra...),
			Bad:        Example{"GptTmpl.inf", infHead + bad},
			Good:       Example{"GptTmpl.inf", infHead + good},
			Config:     "rights: dangerous\n",
		})
	}
	return out
}

// kebab writes a word in camel case as a rule name: TakeOwnership is take-ownership.
func kebab(camel string) string {
	var b strings.Builder
	for i, c := range camel {
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}
