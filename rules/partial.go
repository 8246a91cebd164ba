package rules

import "strings"

// anyDomain stands for a domain or computer name known only at run time when an account is
// classified by its written part: it is no authority privlint knows, so the name after it is read
// as a name in an ordinary domain (CONTOSO\svc) would be.
const anyDomain = "RUNTIME-DOMAIN"

// ClassifyPartly decides how an account known only in part stands under the policy, by the part
// written in the source when that part decides; runtime reports whether any byte of text[a:b] is
// known only at run time.
//
//   - A name after a domain or computer name known only at run time ($env:USERDOMAIN\svc-agent,
//     %COMPUTERNAME%\svc, $(hostname)\svc) is that name in some domain: classified as CONTOSO\svc
//     would be, a specific account unless the name alone decides otherwise.
//   - An application pool identity whose pool is known only at run time (IIS APPPOOL\$pool) is an
//     application pool identity.
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
	default:
		return unresolved
	}
	v.Identity.Text, v.Identity.Name = t, t
	return v
}
