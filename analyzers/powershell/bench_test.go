package powershell

import (
	"fmt"
	"strings"
	"testing"
)

// benchScript generates a script of about size bytes from varied PowerShell: functions, loops,
// splatting, DSC resources, here-strings, comments and native commands.
func benchScript(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<#
.SYNOPSIS
    Configures service %[1]d.
#>
function Install-Service%[1]d {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory)][ValidateNotNullOrEmpty()][string]$Name,
        [string[]]$Rights = @('SeServiceLogonRight', 'SeImpersonatePrivilege')
    )
    $account = "CONTOSO\svc-$Name-%[1]d"   # the service identity
    $params = @{
        Identity  = $account
        Privilege = $Rights
    }
    Grant-CPrivilege @params -Verbose:$false
    foreach ($r in @('SeServiceLogonRight', 'SeImpersonatePrivilege')) {
        if ($r -like 'Se*Privilege' -and -not (Test-CPrivilege -Identity $account -Privilege $r)) {
            Write-Verbose ('Granting {0} to {1}' -f $r, $account)
            & "$env:ProgramFiles\Tools\ntrights.exe" +r $r -u $account 2>&1 | Out-Null
        }
    }
    $inf = @'
[Privilege Rights]
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6
'@
    Start-Process -FilePath secedit.exe -ArgumentList '/configure', '/cfg', "$env:TEMP\s%[1]d.inf" -Wait BACKTICK
        -NoNewWindow
    $items = 1..10 | ForEach-Object { [pscustomobject]@{ Index = $_; Name = "item$_" } }
    switch -regex ($Name) { '^web' { $pool = 'IIS APPPOOL\Web%[1]d' } default { $pool = $null } }
}
Configuration Rights%[1]d
{
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node $AllNodes.NodeName
    {
        UserRightsAssignment Impersonate%[1]d
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = @('Administrators', 'SERVICE', "CONTOSO\app%[1]d")
        }
    }
}
`, i)
	}
	return []byte(strings.ReplaceAll(b.String(), "BACKTICK", "`"))
}

func BenchmarkLex(b *testing.B) {
	src := benchScript(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		l := &lexer{src: src} // tokens are consumed one at a time, as the parser does
		for l.next(ModeArg).Kind != EOF {
		}
	}
}

func BenchmarkParse(b *testing.B) {
	src := benchScript(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		parse(src, 0, len(src))
	}
}

func BenchmarkExtract(b *testing.B) {
	src := benchScript(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		f := newFile(string(src))
		Extract(f, 0, len(src))
	}
}

// TestBenchScript keeps the benchmark's script meaningful: it parses without problems and its
// grants are found.
func TestBenchScript(t *testing.T) {
	src := benchScript(20000)
	if _, problems := parse(src, 0, len(src)); len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	f := newFile(string(src))
	if as := Extract(f, 0, len(src)); len(as) == 0 || len(f.Problems) > 0 {
		t.Errorf("%d assignments, problems %v", len(as), f.Problems)
	}
}
