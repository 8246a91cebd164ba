package rules

import "strings"

// anyDomain stands for a domain or computer name known only at run time when an account is
// classified by its written part: it is no authority privlint knows, so the name after it is read
// as a name in an ordinary domain (CONTOSO\svc) would be.
const anyDomain = "RUNTIME-DOMAIN"

// anyName stands for an account name known only at run time in an ordinary domain: no name a
// domain gives a well-known RID, so it classifies as a specific account.
const anyName = "RUNTIME-NAME"

// ordinaryDomain reports whether domain, written in the source, is an ordinary domain or computer
// name: not an authority of well-known accounts (NT AUTHORITY, BUILTIN and their localized forms)
// or one whose accounts are identities of their own (NT SERVICE, IIS APPPOOL, RESTRICTED
// SERVICES, ...), whose names decide what they are.
func ordinaryDomain(domain string) bool {
	d := strings.ToLower(strings.TrimSpace(domain))
	if d == "" || authorities[d] || strings.ContainsAny(d, `\/*@`) {
		return false
	}
	switch d {
	case "nt service", "iis apppool", "restricted services", "nt virtual machine", "window manager", "font driver host":
		return false
	}
	return true
}

// domainNamesExcepted reports whether an enabled exception allows accounts of ordinary domains by
// name.
func (p Policy) domainNamesExcepted() bool {
	for _, n := range p.Exceptions {
		if Exceptions[n].DomainNames {
			return true
		}
	}
	return false
}

// ClassifyPartly decides how an account known only in part stands under the policy, by the part
// written in the source when that part decides; runtime reports whether any byte of text[a:b] is
// known only at run time.
//
//   - A name after a domain or computer name known only at run time ($env:USERDOMAIN\svc-agent,
//     %COMPUTERNAME%\svc, $(hostname)\svc) is that name in some domain: classified as CONTOSO\svc
//     would be, a specific account unless the name alone decides otherwise.
//   - An application pool identity whose pool is known only at run time (IIS APPPOOL\$pool) is an
//     application pool identity.
//   - A name known only at run time in an ordinary domain or computer written out (CONTOSO\$name,
//     .\$user) is an account outside the safe set whatever the name: classified as
//     CONTOSO\svc would be, unless an enabled exception allows names in such domains (iis:
//     IUSR_<computer>), which the name might be.
//
// Anything else, such as a name built at run time, is ClassUnresolved. The verdict's identity
// keeps text as written.
func (p Policy) ClassifyPartly(r Right, text string, runtime func(a, b int) bool) Verdict {
	t := strings.TrimSpace(text)
	off := strings.Index(text, t)
	unresolved := Verdict{Class: ClassUnresolved, Identity: Identity{Text: t, Kind: KindName}}
	i := strings.LastIndexByte(t, '\\')
	for i >= 0 && runtime(off+i, off+i+1) {
		i = strings.LastIndexByte(t[:i], '\\')
	}
	if i < 0 {
		return unresolved
	}
	domain, name := t[:i], t[i+1:]
	domainRuntime, nameRuntime := runtime(off, off+i), runtime(off+i+1, off+len(t))
	var v Verdict
	switch {
	case domainRuntime && !nameRuntime && strings.TrimSpace(name) != "":
		v = p.Classify(r, anyDomain+`\`+name, false)
	case !domainRuntime && nameRuntime && strings.EqualFold(strings.TrimSpace(domain), "IIS APPPOOL"):
		v = p.Classify(r, `IIS APPPOOL\pool`, false)
		v.Identity.SID = "" // the pool, and so its SID, is known only at run time
	case !domainRuntime && nameRuntime && ordinaryDomain(domain) && !p.domainNamesExcepted():
		v = p.Classify(r, strings.TrimSpace(domain)+`\`+anyName, false)
	default:
		return unresolved
	}
	v.Identity.Text, v.Identity.Name = t, t
	return v
}
