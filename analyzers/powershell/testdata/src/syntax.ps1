#Requires -Modules Carbon
<#
  A block comment is not code:
  Grant-CPrivilege -Identity 'CONTOSO\in-comment' -Privilege SeImpersonatePrivilege
#>
# Grant-CPrivilege -Identity 'CONTOSO\in-line-comment' -Privilege SeImpersonatePrivilege

# Backtick line continuations.
Grant-CPrivilege `
    -Privilege SeImpersonatePrivilege `
    -Identity 'CONTOSO\syn-continued' # want "PL1001: .*syn-continued"

# Quoting forms: doubled quotes, backtick escapes, typographic quotes and dashes.
Grant-CPrivilege -Identity 'CONTOSO\syn-o''brien' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-o'brien"
Grant-CPrivilege -Identity "CONTOSO\syn-`"quoted`"" -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-\"quoted\""
Grant-CPrivilege –Identity ‘CONTOSO\syn-smart’ —Privilege SeImpersonatePrivilege # want "PL1001: .*syn-smart"
Grant-CPrivilege -Identity CONTOSO\syn-`$dollar -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-.dollar"

# Statement separators: semicolons, && and ||, pipelines.
$a = 1; Grant-CPrivilege -Identity 'CONTOSO\syn-semi' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-semi"
Test-Path C:\ && Grant-CPrivilege -Identity 'CONTOSO\syn-and' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-and"
Grant-CPrivilege -Identity 'CONTOSO\syn-pipe' -Privilege SeImpersonatePrivilege | Out-Null # want "PL1001: .*syn-pipe"
Grant-CPrivilege -Identity 'CONTOSO\syn-redirect' -Privilege SeImpersonatePrivilege 2>&1 > $null # want "PL1001: .*syn-redirect"

# Script blocks: the call operator, Invoke-Command, conditions and error handling.
& { Grant-CPrivilege -Identity 'CONTOSO\syn-block' -Privilege SeImpersonatePrivilege } # want "PL1001: .*syn-block"
Invoke-Command -ComputerName web01 -ScriptBlock {
    Grant-CPrivilege -Identity 'CONTOSO\syn-remote' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-remote"
}
if (-not (Test-CPrivilege -Identity 'CONTOSO\syn-if' -Privilege SeImpersonatePrivilege)) {
    Grant-CPrivilege -Identity 'CONTOSO\syn-if' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-if"
} elseif ($env:CI) {
    Write-Verbose 'skipped'
} else {
    Grant-CPrivilege -Identity 'CONTOSO\syn-else' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-else"
}
try {
    Grant-CPrivilege -Identity 'CONTOSO\syn-try' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-try"
} catch [System.UnauthorizedAccessException] {
    throw "cannot grant: $_"
} finally {
    Write-Host 'done'
}
switch ($env:ROLE) {
    'web' { Grant-CPrivilege -Identity 'CONTOSO\syn-switch' -Privilege SeImpersonatePrivilege } # want "PL1001: .*syn-switch"
    default { }
}

# A class method.
class RightsInstaller {
    [string]$Account = 'CONTOSO\unused'
    [void] Install() {
        Grant-CPrivilege -Identity 'CONTOSO\syn-class' -Privilege SeImpersonatePrivilege # want "PL1001: .*syn-class"
    }
}

# Dot-sourcing and subexpressions.
. .\helpers.ps1
$result = $(Grant-CPrivilege -Identity 'CONTOSO\syn-subexpr' -Privilege SeImpersonatePrivilege) # want "PL1001: .*syn-subexpr"
$null = @(Grant-CPrivilege -Identity 'CONTOSO\syn-arraysub' -Privilege SeImpersonatePrivilege) # want "PL1001: .*syn-arraysub"

# A here-string argument is one string.
Grant-CPrivilege -Privilege @'
SeImpersonatePrivilege
'@ -Identity 'CONTOSO\syn-here' # want "PL1001: .*syn-here"
