package rules

import "testing"

func TestIdentifySpellings(t *testing.T) {
	// Every spelling of docs/DOMAIN.md section 3, in the case it is listed and in other cases.
	tests := []struct {
		text, sid string
	}{
		{`BUILTIN\Administrators`, "S-1-5-32-544"},
		{`Administrators`, "S-1-5-32-544"},
		{`administrators`, "S-1-5-32-544"},
		{`VORDEFINIERT\Administratoren`, "S-1-5-32-544"},
		{`BUILTIN\Administrateurs`, "S-1-5-32-544"},
		{`BUILTIN\Administradores`, "S-1-5-32-544"},
		{`BUILTIN\Администраторы`, "S-1-5-32-544"},
		{`NT AUTHORITY\LOCAL SERVICE`, "S-1-5-19"},
		{`LOCAL SERVICE`, "S-1-5-19"},
		{`Local Service`, "S-1-5-19"},
		{`LocalService`, "S-1-5-19"},
		{`NT AUTHORITY\LocalService`, "S-1-5-19"},
		{`NT-AUTORITÄT\LOKALER DIENST`, "S-1-5-19"},
		{`AUTORITE NT\SERVICE LOCAL`, "S-1-5-19"},
		{`NT AUTHORITY\SERVIZIO LOCALE`, "S-1-5-19"},
		{`NT AUTHORITY\SERVICIO LOCAL`, "S-1-5-19"},
		{`NT AUTHORITY\NETWORK SERVICE`, "S-1-5-20"},
		{`NETWORK SERVICE`, "S-1-5-20"},
		{`NetworkService`, "S-1-5-20"},
		{`NT-AUTORITÄT\NETZWERKDIENST`, "S-1-5-20"},
		{`AUTORITE NT\SERVICE RÉSEAU`, "S-1-5-20"},
		{`NT AUTHORITY\SERVIZIO DI RETE`, "S-1-5-20"},
		{`NT AUTHORITY\SERVICIO DE RED`, "S-1-5-20"},
		{`NT AUTHORITY\SERVICE`, "S-1-5-6"},
		{`SERVICE`, "S-1-5-6"},
		{`СЛУЖБА`, "S-1-5-6"},
		{`NT AUTHORITY\SERVIZIO`, "S-1-5-6"},
		{`nt authority\servizio`, "S-1-5-6"},
		{`SERVIZIO`, "S-1-5-6"},
		{`Servizio`, "S-1-5-6"},
		{`RESTRICTED SERVICES\PrintSpoolerService`, PrintSpoolerSID},
		{`restricted services\printspoolerservice`, PrintSpoolerSID},
		{`*S-1-5-99-216390572-1995538116-3857911515-2404958512-2623887229`, PrintSpoolerSID},
		{`NT AUTHORITY\SYSTEM`, "S-1-5-18"},
		{`SYSTEM`, "S-1-5-18"},
		{`LocalSystem`, "S-1-5-18"},
		{`AUTORITE NT\Système`, "S-1-5-18"},
		{`СИСТЕМА`, "S-1-5-18"},
		{`BUILTIN\IIS_IUSRS`, "S-1-5-32-568"},
		{`IIS_IUSRS`, "S-1-5-32-568"},
		{`NT AUTHORITY\IUSR`, "S-1-5-17"},
		{`IUSR`, "S-1-5-17"},
		{`IIS APPPOOL\DefaultAppPool`, "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"},
		{`NT SERVICE\MSSQLSERVER`, "S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003"},
		{`NT SERVICE\ALL SERVICES`, "S-1-5-80-0"},
		{`Everyone`, "S-1-1-0"},
		{`Jeder`, "S-1-1-0"},
		{`Tout le monde`, "S-1-1-0"},
		{`NT AUTHORITY\Authenticated Users`, "S-1-5-11"},
		{`NT-AUTORITÄT\Authentifizierte Benutzer`, "S-1-5-11"},
		{`NT AUTHORITY\ANONYMOUS LOGON`, "S-1-5-7"},
		{`АНОНИМНЫЙ ВХОД`, "S-1-5-7"},
		{`INTERACTIVE`, "S-1-5-4"},
		{`NETWORK`, "S-1-5-2"},
		{`BATCH`, "S-1-5-3"},
		{`REMOTE INTERACTIVE LOGON`, "S-1-5-14"},
		{`BUILTIN\Users`, "S-1-5-32-545"},
		{`VORDEFINIERT\Benutzer`, "S-1-5-32-545"},
		{`BUILTIN\Utilisateurs`, "S-1-5-32-545"},
		{`Guests`, "S-1-5-32-546"},
		{`Power Users`, "S-1-5-32-547"},
		{`Remote Desktop Users`, "S-1-5-32-555"},
		{`Local account`, "S-1-5-113"},
		{`Local account and member of Administrators group`, "S-1-5-114"},
		{`*S-1-5-19`, "S-1-5-19"},
		{`* S-1-5-19`, "S-1-5-19"},
		{`s-1-5-19`, "S-1-5-19"},
		{` *S-1-5-32-544 `, "S-1-5-32-544"},
	}
	for _, tt := range tests {
		id := Identify(tt.text)
		if id.SID != tt.sid {
			t.Errorf("Identify(%q).SID = %q, want %q", tt.text, id.SID, tt.sid)
		}
		if id.Kind == KindMalformed || id.Kind == KindName {
			t.Errorf("Identify(%q).Kind = %v, want a known identity", tt.text, id.Kind)
		}
	}
}

func TestIdentifyKinds(t *testing.T) {
	tests := []struct {
		text string
		kind Kind
		rid  int
	}{
		{`CONTOSO\svc-web`, KindName, 0},
		{`svc@contoso.com`, KindName, 0},
		{`.\localadmin`, KindName, 0},
		{`HOST01\Administrators`, KindName, 0},
		{`CONTOSO\Domain Users`, KindDomainRID, 513},
		{`Domain Guests`, KindDomainRID, 514},
		{`CONTOSO\Domain Computers`, KindDomainRID, 515},
		{`CONTOSO\Domain Admins`, KindDomainRID, 512},
		{`Guest`, KindDomainRID, 501},
		{`*S-1-5-21-1-2-3-500`, KindDomainRID, 500},
		{`*S-1-5-21-1-2-3-513`, KindDomainRID, 513},
		{`*S-1-5-21-1-2-3-1104`, KindSID, 0},
		{`*S-1-5-80-1-2-3-4-5`, KindService, 0},
		{`NT SERVICE\SQLSERVERAGENT`, KindService, 0},
		{`*S-1-5-82-1-2-3-4-5`, KindAppPool, 0},
		{`*S-1-5-99-216390572-1995538116-3857911515-2404958512-2623887229`, KindWellKnown, 0},
		{`*S-1-5-99-1-2-3-4-5`, KindSID, 0},
		// Only the full name is the print spooler's identity: RESTRICTED SERVICES names nothing else,
		// and the bare or otherwise qualified name may be any account.
		{`PrintSpoolerService`, KindName, 0},
		{`CONTOSO\PrintSpoolerService`, KindName, 0},
		{`RESTRICTED SERVICES\SERVICE`, KindName, 0},
		{``, KindMalformed, 0},
		{`   `, KindMalformed, 0},
		{`*`, KindMalformed, 0},
		{`*Administrators`, KindMalformed, 0},
		{`*S-1-5-2O`, KindMalformed, 0},
		{`S-1-5-x`, KindMalformed, 0},
		{`S-2-5-32-544`, KindMalformed, 0},
		{`S-1-5-`, KindMalformed, 0},
		{`S-1-5--5`, KindMalformed, 0},
	}
	for _, tt := range tests {
		id := Identify(tt.text)
		if id.Kind != tt.kind || id.RID != tt.rid {
			t.Errorf("Identify(%q) = kind %v rid %d, want kind %v rid %d", tt.text, id.Kind, id.RID, tt.kind, tt.rid)
		}
		if (id.Kind == KindMalformed) != (id.Malformed != "") {
			t.Errorf("Identify(%q): kind %v with reason %q", tt.text, id.Kind, id.Malformed)
		}
	}
}

func TestClassify(t *testing.T) {
	none, iis, sql := Policy{}, Policy{Exceptions: []string{"iis"}}, Policy{Exceptions: []string{"sql"}}
	tests := []struct {
		policy Policy
		right  Right
		text   string
		want   string
	}{
		{none, Impersonate, "Administrators", "safe"},
		{none, AssignPrimaryToken, "Administrators", "specific"},
		{none, Impersonate, "SERVICE", "safe"},
		{none, AssignPrimaryToken, "SERVICE", "exception:iis"},
		{iis, AssignPrimaryToken, "SERVICE", "exception:iis"},
		{none, AssignPrimaryToken, "LocalService", "safe"},
		{none, Impersonate, "NT AUTHORITY\\NETWORK SERVICE", "safe"},
		{none, Impersonate, "SYSTEM", "system"},
		{none, AssignPrimaryToken, "*S-1-5-18", "system"},
		{none, Impersonate, "Everyone", "broad-group"},
		{none, Impersonate, "CONTOSO\\Domain Users", "broad-group"},
		{none, Impersonate, "*S-1-5-21-1-2-3-501", "broad-group"},
		{none, Impersonate, "CONTOSO\\Domain Admins", "specific"},
		{none, Impersonate, "*S-1-5-114", "specific"},
		{none, Impersonate, "*S-1-5-113", "broad-group"},
		{none, Impersonate, "IIS_IUSRS", "exception:iis"},
		{none, AssignPrimaryToken, "IIS_IUSRS", "specific"},
		{none, Impersonate, "IIS APPPOOL\\Shop", "exception:iis"},
		{none, AssignPrimaryToken, "*S-1-5-82-1-2-3-4-5", "exception:iis"},
		{none, Impersonate, "IWAM_WEB01", "exception:iis"},
		{none, AssignPrimaryToken, "IWAM_WEB01", "exception:iis"},
		{none, Impersonate, "CONTOSO\\IUSR_WEB01", "exception:iis"},
		{none, Impersonate, "ASP.NET", "exception:iis"},
		{none, Impersonate, "IIS_WPG", "exception:iis"},
		{none, AssignPrimaryToken, "NT SERVICE\\SQLSERVERAGENT", "exception:sql"},
		{sql, AssignPrimaryToken, "NT SERVICE\\SQLAgent$INST01", "exception:sql"},
		{none, AssignPrimaryToken, "*" + ServiceSID("MSSQLLaunchpad"), "exception:sql"},
		{none, Impersonate, "NT SERVICE\\SQLSERVERAGENT", "specific"},
		{none, AssignPrimaryToken, "NT SERVICE\\MSSQLSERVER", "specific"},
		{none, Impersonate, "CONTOSO\\svc-web", "specific"},
		{none, Impersonate, "*S-1-5-2O", "malformed"},
		{none, Impersonate, "svc-unknown", "specific"},
		// SERVICE's Italian name classifies as SERVICE, for both rights.
		{none, Impersonate, "NT AUTHORITY\\SERVIZIO", "safe"},
		{none, Impersonate, "servizio", "safe"},
		{none, AssignPrimaryToken, "NT AUTHORITY\\SERVIZIO", "exception:iis"},
		// The print spooler's restricted identity is safe for SeImpersonatePrivilege only.
		{none, Impersonate, "*" + PrintSpoolerSID, "safe"},
		{none, Impersonate, "RESTRICTED SERVICES\\PrintSpoolerService", "safe"},
		{none, AssignPrimaryToken, "*" + PrintSpoolerSID, "specific"},
		{none, AssignPrimaryToken, "RESTRICTED SERVICES\\PrintSpoolerService", "specific"},
		{iis, AssignPrimaryToken, "RESTRICTED SERVICES\\PrintSpoolerService", "specific"},
		{none, Impersonate, "CONTOSO\\PrintSpoolerService", "specific"},
	}
	for _, tt := range tests {
		v := tt.policy.Classify(tt.right, tt.text, false)
		if got := v.String(); got != tt.want {
			t.Errorf("%v.Classify(%v, %q) = %s, want %s", tt.policy, tt.right, tt.text, got, tt.want)
		}
		wantEnabled := v.Class == ClassException && len(tt.policy.Exceptions) > 0 && tt.policy.Exceptions[0] == v.Component
		if v.Enabled != wantEnabled {
			t.Errorf("%v.Classify(%v, %q).Enabled = %v", tt.policy, tt.right, tt.text, v.Enabled)
		}
	}
	if v := none.Classify(Impersonate, "$env:SVC", true); v.Class != ClassUnresolved || v.Identity.Text != "$env:SVC" {
		t.Errorf("unresolved account classified as %+v", v)
	}
}

func FuzzIdentify(f *testing.F) {
	for _, s := range []string{"*S-1-5-19", "NT AUTHORITY\\SYSTEM", "CONTOSO\\x", "*", "S-1-", "a@b", "IIS APPPOOL\\é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := Identify(s)
		if (id.Kind == KindMalformed) != (id.Malformed != "") {
			t.Fatalf("Identify(%q): kind %v, reason %q", s, id.Kind, id.Malformed)
		}
		for _, r := range Builtin {
			_ = Policy{Exceptions: ExceptionNames()}.Classify(r, s, false)
		}
	})
}

func TestClassifyPartly(t *testing.T) {
	iis := Policy{Exceptions: []string{"iis"}}
	tests := []struct {
		text    string
		runtime string // 'r' marks each byte known only at run time
		policy  Policy
		right   Right
		want    Class
	}{
		{`$env:USERDOMAIN\svc-agent`, `rrrrrrrrrrrrrrr`, Policy{}, Impersonate, ClassSpecific},
		{`%COMPUTERNAME%\svc`, `rrrrrrrrrrrrrr`, Policy{}, AssignPrimaryToken, ClassSpecific},
		{`$(hostname)\Administrators`, `rrrrrrrrrrr`, Policy{}, Impersonate, ClassSpecific}, // as CONTOSO\Administrators is
		{`$d\Administrator`, `rr`, Policy{}, Impersonate, ClassSpecific},                    // RID 500 in some domain, as CONTOSO\Administrator is
		{`$d\IUSR_WEB`, `rr`, iis, Impersonate, ClassException},
		{`IIS APPPOOL\$pool`, `            rrrrr`, Policy{}, Impersonate, ClassException},
		{`IIS APPPOOL\$pool`, `            rrrrr`, Policy{}, AssignPrimaryToken, ClassException},
		{`CONTOSO\$name`, `        rrrrr`, Policy{}, Impersonate, ClassSpecific}, // whatever the name, as CONTOSO\svc is
		{`.\$user`, `  rrrrr`, Policy{}, AssignPrimaryToken, ClassSpecific},
		{`CONTOSO\$name`, `        rrrrr`, iis, Impersonate, ClassUnresolved}, // might be CONTOSO\IUSR_WEB, which iis allows
		{`NT AUTHORITY\$x`, `             rr`, Policy{}, Impersonate, ClassUnresolved},
		{`BUILTIN\$x`, `        rr`, Policy{}, Impersonate, ClassUnresolved},
		{`RESTRICTED SERVICES\$x`, `                    rr`, Policy{}, Impersonate, ClassUnresolved},
		{`NT SERVICE\$svc`, `           rrrr`, Policy{}, Impersonate, ClassUnresolved},
		{`$d\`, `rr`, Policy{}, Impersonate, ClassUnresolved},
		{`svc-$suffix`, `    rrrrrrr`, Policy{}, Impersonate, ClassUnresolved},
		{`$path`, `rrrrr`, Policy{}, Impersonate, ClassUnresolved},
		{`$a\b$c`, `rr   rr`, Policy{}, Impersonate, ClassUnresolved},
		{`a\$b\c`, ` rrrr`, Policy{}, Impersonate, ClassUnresolved}, // the last backslash written is inside the run-time part
	}
	for _, tt := range tests {
		runtime := func(a, b int) bool {
			for i := a; i < b && i < len(tt.runtime); i++ {
				if tt.runtime[i] == 'r' {
					return true
				}
			}
			return false
		}
		v := tt.policy.ClassifyPartly(tt.right, tt.text, runtime)
		if v.Class != tt.want || v.Identity.Text != tt.text {
			t.Errorf("ClassifyPartly(%v, %q, %q) = %s (%q), want %s", tt.right, tt.text, tt.runtime, v.Class, v.Identity.Text, tt.want)
		}
	}
}

func TestSafeSetNames(t *testing.T) {
	for r, want := range map[Right]string{
		Impersonate:        "Administrators, LOCAL SERVICE, NETWORK SERVICE, SERVICE, PrintSpoolerService",
		AssignPrimaryToken: "LOCAL SERVICE, NETWORK SERVICE",
	} {
		if got := SafeSetNames(r); got != want {
			t.Errorf("SafeSetNames(%v) = %q, want %q", r, got, want)
		}
	}
}
