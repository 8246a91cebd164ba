# Expression forms that once stopped the parser, each followed by a grant that must still be
# found: type literals with members, script block casts, member names that are expressions, and
# the operators of PowerShell 7.

# Member access on a type literal, in parentheses, as an argument and in a foreach header.
$name = ([int].FullName)
Write-Verbose ([System.Security.Principal.NTAccount].Name)
foreach ($m in [System.Environment].GetMethods()) { }
Grant-CPrivilege -Identity 'CONTOSO\ex-type-member' -Privilege SeImpersonatePrivilege # want "PL1001: .*ex-type-member"

# A script block cast, invoked; what it runs is read.
([System.Action]{ Grant-CPrivilege -Identity 'CONTOSO\ex-cast-block' -Privilege SeImpersonatePrivilege }).Invoke() # want "PL1001: .*ex-cast-block"
Invoke-Command -ScriptBlock ([scriptblock]{ Grant-CPrivilege -Identity 'CONTOSO\ex-cast-arg' -Privilege SeImpersonatePrivilege }) # want "PL1001: .*ex-cast-arg"
Grant-CPrivilege -Identity 'CONTOSO\ex-after-cast' -Privilege SeImpersonatePrivilege # want "PL1001: .*ex-after-cast"

# Member names that are expressions.
$h = @{ 'quoted name' = 1; plain = 2 }
$n = 'plain'
$v = $h.$($n) + $h.$n + $h."quoted name" + $h.'quoted name'
Grant-CPrivilege -Identity 'CONTOSO\ex-member-names' -Privilege SeImpersonatePrivilege # want "PL1001: .*ex-member-names"

# PowerShell 7: ternary, null-coalescing, null-conditional member access and pipeline chains.
$mode = $env:CI ? 'ci' : 'local'
$port = $env:PORT ?? 8080
$env:PORT ??= 8080
$len = ${h}?.Count + ${h}?['plain']
$ok = (Test-Path C:\ && Test-Path D:\) ? 1 : 0
$r = $env:CI ? (Grant-CPrivilege -Identity 'CONTOSO\ex-ternary' -Privilege SeImpersonatePrivilege) : $null # want "PL1001: .*ex-ternary"
$s = (Test-Path C:\ || Grant-CPrivilege -Identity 'CONTOSO\ex-chain' -Privilege SeImpersonatePrivilege) # want "PL1001: .*ex-chain"
if (Test-Path C:\ && Grant-CPrivilege -Identity 'CONTOSO\ex-chain-if' -Privilege SeImpersonatePrivilege) { } # want "PL1001: .*ex-chain-if"
Grant-CPrivilege -Identity 'CONTOSO\ex-after-ps7' -Privilege SeImpersonatePrivilege # want "PL1001: .*ex-after-ps7"

# A ternary's account is one of two values: known only at run time.
$who = $env:CI ? 'CONTOSO\ex-a' : 'CONTOSO\ex-b'
Grant-CPrivilege -Identity $who -Privilege SeImpersonatePrivilege # want "PL1005: .*\$who"
