package cmdline

import "testing"

func TestMayReport(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{`Set-ItemProperty -Path HKLM:\Software\x -Name y -Value 1`, false},
		{`ntrights -u svc +r SeImpersonatePrivilege`, true},
		{`Grant-CPrivilege -Identity svc -Privilege $p`, true},
		{`& .\Grant.PS1 CONTOSO\svc`, true}, // a call: its script may grant to its argument
		{`call grant.cmd %1`, true},
		{`bash setup.BASH "$USER"`, true},
		{`echo done.`, false},
		{``, false},
	} {
		if got := MayReport(nil, c.text); got != c.want {
			t.Errorf("MayReport(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
