package rules

import (
	"crypto/sha1"
	"encoding/binary"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Kind says what an account string names, independently of any right.
type Kind int

// Kinds of identity.
const (
	KindName      Kind = iota // a name privlint does not know: a specific account
	KindWellKnown             // a well-known account or group (SID and name known)
	KindDomainRID             // a domain-relative well-known account or group (RID known)
	KindService               // a virtual service account, NT SERVICE\<name> or S-1-5-80-*
	KindAppPool               // an IIS application pool identity, IIS APPPOOL\<pool> or S-1-5-82-*
	KindSID                   // a SID privlint does not know
	KindMalformed             // not a valid account: an empty element, a bad SID, a * without a SID
)

// Identity is what an account string resolves to without a live domain.
type Identity struct {
	Text      string // the account as written, trimmed
	SID       string // the SID, when the text is one or the name maps to one
	Name      string // the canonical English name, when known
	RID       int    // the relative ID of a domain-relative account, when known
	Kind      Kind
	Malformed string // why the text is not an account, for KindMalformed
}

// wellKnown lists the accounts privlint recognizes by SID and by every spelling it has seen, English
// and localized. Sources: Microsoft's well-known SID reference and the docs/DOMAIN.md table.
var wellKnown = []struct {
	sid, name string
	spellings []string
}{
	{"S-1-5-32-544", "BUILTIN\\Administrators", []string{"Administrators", "Administratoren", "Administrateurs", "Administradores", "Администраторы"}},
	{"S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE", []string{"LOCAL SERVICE", "LocalService", "LOKALER DIENST", "SERVICE LOCAL", "SERVIZIO LOCALE", "SERVICIO LOCAL"}},
	{"S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE", []string{"NETWORK SERVICE", "NetworkService", "NETZWERKDIENST", "SERVICE RÉSEAU", "SERVIZIO DI RETE", "SERVICIO DE RED"}},
	// SERVICE. Italian SERVIZIO: the Italian text Windows shows for "Impersonate a client after
	// authentication" lists its default holders as "Administrators Servizio locale Servizio di rete
	// Servizio" (Microsoft's UI string, https://uitranslation.com/?term=bd05582caa81&lang=it), in
	// line with the Italian SERVIZIO LOCALE and SERVIZIO DI RETE above. The German (DIENST), French
	// and Spanish names are left out until a Microsoft source for them is found.
	{"S-1-5-6", "NT AUTHORITY\\SERVICE", []string{"SERVICE", "СЛУЖБА", "SERVIZIO"}},
	{"S-1-5-18", "NT AUTHORITY\\SYSTEM", []string{"SYSTEM", "LocalSystem", "Local System", "Système", "СИСТЕМА"}},
	{"S-1-5-32-568", "BUILTIN\\IIS_IUSRS", []string{"IIS_IUSRS"}},
	{"S-1-5-17", "NT AUTHORITY\\IUSR", []string{"IUSR"}},
	// The restricted identity the print spooler runs as under Windows Protected Print. It is known
	// by its full name only (RESTRICTED SERVICES is no authority for other names) and not localized.
	{PrintSpoolerSID, "RESTRICTED SERVICES\\PrintSpoolerService", nil},
	{"S-1-5-80-0", "NT SERVICE\\ALL SERVICES", []string{"ALL SERVICES"}},
	{"S-1-1-0", "Everyone", []string{"Everyone", "Jeder", "Tout le monde"}},
	{"S-1-2-0", "LOCAL", []string{"LOCAL"}},
	{"S-1-5-11", "NT AUTHORITY\\Authenticated Users", []string{"Authenticated Users", "Authentifizierte Benutzer"}},
	{"S-1-5-7", "NT AUTHORITY\\ANONYMOUS LOGON", []string{"ANONYMOUS LOGON", "АНОНИМНЫЙ ВХОД"}},
	{"S-1-5-4", "NT AUTHORITY\\INTERACTIVE", []string{"INTERACTIVE"}},
	{"S-1-5-2", "NT AUTHORITY\\NETWORK", []string{"NETWORK"}},
	{"S-1-5-3", "NT AUTHORITY\\BATCH", []string{"BATCH"}},
	{"S-1-5-14", "NT AUTHORITY\\REMOTE INTERACTIVE LOGON", []string{"REMOTE INTERACTIVE LOGON"}},
	{"S-1-5-15", "NT AUTHORITY\\This Organization", []string{"This Organization"}},
	{"S-1-5-32-545", "BUILTIN\\Users", []string{"Users", "Benutzer", "Utilisateurs"}},
	{"S-1-5-32-546", "BUILTIN\\Guests", []string{"Guests"}},
	{"S-1-5-32-547", "BUILTIN\\Power Users", []string{"Power Users"}},
	{"S-1-5-32-548", "BUILTIN\\Account Operators", []string{"Account Operators"}},
	{"S-1-5-32-549", "BUILTIN\\Server Operators", []string{"Server Operators"}},
	{"S-1-5-32-550", "BUILTIN\\Print Operators", []string{"Print Operators"}},
	{"S-1-5-32-551", "BUILTIN\\Backup Operators", []string{"Backup Operators"}},
	{"S-1-5-32-555", "BUILTIN\\Remote Desktop Users", []string{"Remote Desktop Users"}},
	{"S-1-5-113", "NT AUTHORITY\\Local account", []string{"Local account"}},
	{"S-1-5-114", "NT AUTHORITY\\Local account and member of Administrators group", []string{"Local account and member of Administrators group"}},
}

// domainRIDs names the well-known relative IDs of domain (and local machine) accounts.
var domainRIDs = map[int]string{
	500: "Administrator",
	501: "Guest",
	512: "Domain Admins",
	513: "Domain Users",
	514: "Domain Guests",
	515: "Domain Computers",
}

// authorities are the prefixes under which well-known names are written, English and localized.
var authorities = map[string]bool{
	"nt authority": true, "builtin": true, "nt-autorität": true, "autorite nt": true,
	"autorité nt": true, "vordefiniert": true,
}

var (
	sidNames     = map[string]string{} // SID -> canonical name
	wellKnownSID = map[string]string{} // lower-case spelling -> SID
	ridByName    = map[string]int{}    // lower-case domain account name -> RID
)

func init() {
	for _, w := range wellKnown {
		sidNames[w.sid] = w.name
		wellKnownSID[strings.ToLower(w.name)] = w.sid
		for _, s := range w.spellings {
			wellKnownSID[strings.ToLower(s)] = w.sid
		}
	}
	for rid, name := range domainRIDs {
		ridByName[strings.ToLower(name)] = rid
	}
}

// Identify resolves an account string as configuration code writes it: `*S-1-5-19`, `S-1-5-19`,
// `NT AUTHORITY\LOCAL SERVICE`, `LocalService`, a localized name, `CONTOSO\svc-web`,
// `svc@contoso.com`. Names are case-insensitive. An unknown name is KindName, never safe.
func Identify(text string) Identity {
	t := strings.TrimSpace(text)
	id := Identity{Text: t}
	switch {
	case t == "":
		return malformed(id, "empty account")
	case strings.HasPrefix(t, "*"):
		sid, ok := parseSID(strings.TrimSpace(t[1:]))
		if !ok {
			if strings.TrimSpace(t[1:]) == "" {
				return malformed(id, "`*` without a SID")
			}
			return malformed(id, "`*` must be followed by a SID such as S-1-5-19")
		}
		return identifySID(id, sid)
	case looksLikeSID(t):
		sid, ok := parseSID(t)
		if !ok {
			return malformed(id, "not a valid SID")
		}
		return identifySID(id, sid)
	}
	lower := strings.ToLower(t)
	if sid, ok := wellKnownSID[lower]; ok {
		return wellKnownID(id, sid)
	}
	if strings.Contains(t, "@") {
		id.Name = t
		return id
	}
	origPrefix, origRest, hasPrefix := strings.Cut(t, `\`)
	if !hasPrefix {
		if rid, ok := ridByName[lower]; ok {
			return domainID(id, rid)
		}
		id.Name = t
		return id
	}
	// Lower-case the parts after cutting: lower-casing can change a string's length in bytes.
	prefix, rest := strings.ToLower(origPrefix), strings.ToLower(origRest)
	switch {
	case authorities[prefix]:
		if sid, ok := wellKnownSID[rest]; ok {
			return wellKnownID(id, sid)
		}
	case prefix == "nt service":
		if rest == "all services" {
			return wellKnownID(id, "S-1-5-80-0")
		}
		id.Kind, id.Name, id.SID = KindService, `NT SERVICE\`+origRest, ServiceSID(origRest)
		return id
	case prefix == "iis apppool":
		id.Kind, id.Name, id.SID = KindAppPool, `IIS APPPOOL\`+origRest, AppPoolSID(origRest)
		return id
	}
	if rid, ok := ridByName[rest]; ok {
		return domainID(id, rid)
	}
	id.Name = t
	return id
}

func malformed(id Identity, why string) Identity {
	id.Kind, id.Malformed = KindMalformed, why
	return id
}

func wellKnownID(id Identity, sid string) Identity {
	id.Kind, id.SID, id.Name = KindWellKnown, sid, sidNames[sid]
	return id
}

func domainID(id Identity, rid int) Identity {
	id.Kind, id.RID, id.Name = KindDomainRID, rid, domainRIDs[rid]
	return id
}

func identifySID(id Identity, sid string) Identity {
	id.SID = sid
	if _, ok := sidNames[sid]; ok {
		return wellKnownID(id, sid)
	}
	switch {
	case strings.HasPrefix(sid, "S-1-5-80-"):
		id.Kind = KindService
	case strings.HasPrefix(sid, "S-1-5-82-"):
		id.Kind = KindAppPool
	case strings.HasPrefix(sid, "S-1-5-21-"):
		parts := strings.Split(sid, "-")
		if len(parts) == 8 { // S-1-5-21-a-b-c-RID
			if rid, err := strconv.Atoi(parts[7]); err == nil {
				if name, ok := domainRIDs[rid]; ok {
					id.Kind, id.RID, id.Name = KindDomainRID, rid, name
					return id
				}
			}
		}
		id.Kind = KindSID
	default:
		id.Kind = KindSID
	}
	return id
}

func looksLikeSID(t string) bool {
	return len(t) > 2 && (t[0] == 'S' || t[0] == 's') && t[1] == '-' && t[2] >= '0' && t[2] <= '9'
}

// parseSID validates the string form of a SID (S-1-<authority>-<sub>...) and returns it with an
// upper-case S.
func parseSID(t string) (string, bool) {
	if !looksLikeSID(t) {
		return "", false
	}
	parts := strings.Split(t[2:], "-")
	if len(parts) < 3 || len(parts) > 17 || parts[0] != "1" {
		return "", false
	}
	for _, p := range parts {
		if p == "" || len(p) > 20 {
			return "", false
		}
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return "", false
			}
		}
	}
	return "S-" + t[2:], true
}

// ServiceSID computes the SID Windows gives the virtual account NT SERVICE\name: S-1-5-80- followed
// by the SHA-1 of the upper-case name in UTF-16LE, read as five little-endian 32-bit numbers.
func ServiceSID(name string) string { return hashSID("S-1-5-80", strings.ToUpper(name)) }

// AppPoolSID computes the SID of the IIS application pool identity IIS APPPOOL\pool, the same way
// from the lower-case pool name under S-1-5-82.
func AppPoolSID(pool string) string { return hashSID("S-1-5-82", strings.ToLower(pool)) }

func hashSID(prefix, name string) string {
	units := utf16.Encode([]rune(name))
	buf := make([]byte, 2*len(units))
	for i, u := range units {
		binary.LittleEndian.PutUint16(buf[2*i:], u)
	}
	sum := sha1.Sum(buf)
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < 5; i++ {
		b.WriteByte('-')
		b.WriteString(strconv.FormatUint(uint64(binary.LittleEndian.Uint32(sum[4*i:])), 10))
	}
	return b.String()
}
