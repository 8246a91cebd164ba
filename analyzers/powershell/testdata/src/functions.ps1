# Functions and script blocks called in the file run with the call's arguments: the finding is at
# the grant in the body, with the account the call passes (the call is its related location).

function Grant-Rights {
    param([string]$Account, [string]$Right = 'SeImpersonatePrivilege')
    Grant-CPrivilege -Identity $Account -Privilege $Right # want "PL1001: .*fn-named" related "call of Grant-Rights"@8 "PL1001: .*fn-prefix" related "call of Grant-Rights"@9 "PL1001: .*fn-splat" related "call of Grant-Rights"@11 "PL1001: .*fn-positional" related "call of Grant-Rights"@12
}
Grant-Rights -Account 'CONTOSO\fn-named'
Grant-Rights -Acc 'CONTOSO\fn-prefix'
$grantArgs = @{ Account = 'CONTOSO\fn-splat'; Right = 'SeImpersonatePrivilege' }
Grant-Rights @grantArgs
Grant-Rights 'CONTOSO\fn-positional'
# A call passing a safe account, or revoking, is no finding.
Grant-Rights -Account 'NT AUTHORITY\NETWORK SERVICE'
# Grant-Rights -Account 'CONTOSO\fn-comment'

function Remove-Rights([string]$Account) {
    Revoke-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege
}
Remove-Rights 'CONTOSO\fn-revoked'

# [Parameter(Position = n)] and pipeline input.
function Add-TokenRight {
    [CmdletBinding()]
    param(
        [Parameter(Position = 1)][string]$Right,
        [Parameter(Position = 0, ValueFromPipeline = $true)][string]$Who
    )
    process {
        ntrights +r $Right -u $Who # want "PL1002: .*fn-position" related "call of Add-TokenRight"@33 "PL1002: .*fn-pipe-a" related "call of Add-TokenRight"@34 "PL1002: .*fn-pipe-b" related "call of Add-TokenRight"@34
    }
}
Add-TokenRight 'CONTOSO\fn-position' SeAssignPrimaryTokenPrivilege
'CONTOSO\fn-pipe-a', 'CONTOSO\fn-pipe-b' | Add-TokenRight -Right SeAssignPrimaryTokenPrivilege
'NT AUTHORITY\LOCAL SERVICE' | Add-TokenRight -Right SeAssignPrimaryTokenPrivilege

# A command line handed to cmd in the body.
function Invoke-Ntrights([string]$Account) {
    cmd /c "ntrights +r SeImpersonatePrivilege -u `"$Account`"" # want "PL1001: .*fn-cmd" related "call of Invoke-Ntrights"@41
}
Invoke-Ntrights 'CONTOSO\fn-cmd'
Invoke-Ntrights 'NT AUTHORITY\NETWORK SERVICE'

# Nested calls: the account passes through both.
function Set-Inner($Name) { Add-WindowsRight -Name SeImpersonatePrivilege -Account $Name } # want "PL1001: .*fn-nested" related "call of Set-Outer"@47:1 related "call of Set-Inner"@46
function Set-Outer($User) { Set-Inner -Name "CONTOSO\$User" }
Set-Outer 'fn-nested'
function Set-Safely($User) { Set-Inner -Name $User }
Set-Safely 'NT AUTHORITY\NETWORK SERVICE'

# A function defined in the global scope is called by its name.
function global:Grant-Global([string]$Account) {
    ntrights +r SeImpersonatePrivilege -u $Account # want "PL1001: .*fn-global"
}
Grant-Global 'CONTOSO\fn-global'

# A script block held by a variable and called with &.
$grantBlock = { param($Member) Grant-UserRight -Account $Member -Right SeImpersonatePrivilege } # want "PL1001: .*fn-block" related "call of a script block"@59
& $grantBlock 'CONTOSO\fn-block'
& $grantBlock 'NT AUTHORITY\SERVICE'
# ... or run by Invoke-Command or Start-Job with -ArgumentList.
Invoke-Command -ComputerName srv01 -ScriptBlock {
    param($User, $Right)
    ntrights +r $Right -u $User # want "PL1002: .*fn-remote" related "call of a script block"@62
} -ArgumentList 'CONTOSO\fn-remote', 'SeAssignPrimaryTokenPrivilege'
Invoke-Command -ScriptBlock { param($User) ntrights +r SeImpersonatePrivilege -u $User } -ArgumentList 'NT AUTHORITY\SERVICE'
# ... or written in place, and a filter that grants each item piped in.
& { param($Who) ntrights +r SeImpersonatePrivilege -u $Who } 'CONTOSO\fn-inplace' # want "PL1001: .*fn-inplace" related "call of a script block"@68
& { param($Who) ntrights +r SeImpersonatePrivilege -u $Who } 'NT AUTHORITY\NETWORK SERVICE'
filter Grant-Each { Grant-CPrivilege -Identity $_ -Privilege SeAssignPrimaryTokenPrivilege } # want "PL1002: .*fn-filter" related "call of Grant-Each"@71
'CONTOSO\fn-filter', 'NT AUTHORITY\NETWORK SERVICE' | Grant-Each

# A function never called runs with its defaults: a safe default is no finding, an unsafe one is.
function Set-Safe {
    param($Who = 'NT AUTHORITY\NETWORK SERVICE')
    Grant-CPrivilege -Identity $Who -Privilege SeImpersonatePrivilege
}
function Set-Unsafe {
    param($Who = 'CONTOSO\fn-default')
    Grant-CPrivilege -Identity $Who -Privilege SeImpersonatePrivilege # want "PL1001: .*fn-default" related none
}
# ... and without a default its parameter is unresolved.
function Set-Unknown {
    param($Who)
    Grant-CPrivilege -Identity $Who -Privilege SeImpersonatePrivilege # want "PL1005: .*\$Who \(parameter of Set-Unknown\)"
}
# A call with an argument known only at run time says where it comes from.
function Set-FromCall {
    param($Who)
    Grant-CPrivilege -Identity $Who -Privilege SeImpersonatePrivilege # want "PL1005: .*\$Who \(set from \$env:SVC_USER, parameter of Set-FromCall\)" related "call of Set-FromCall"@92
}
Set-FromCall -Who $env:SVC_USER

# A Grant-* function whose body hands the work to something privlint does not follow is still read
# as a grant at its call.
function Grant-Opaque {
    param($Account, $Right)
    & $env:RIGHTS_TOOL --grant $Right --to $Account
}
Grant-Opaque -Account 'CONTOSO\fn-opaque' -Right SeImpersonatePrivilege # want "PL1001: .*fn-opaque" related none
Grant-Opaque -Account 'NT AUTHORITY\NETWORK SERVICE' -Right SeImpersonatePrivilege

# A wrapper that hands its parameters on with @PSBoundParameters.
function Grant-Wrapped {
    param([string]$Identity, [string[]]$Privilege)
    Grant-CPrivilege @PSBoundParameters # want "PL1001: .*fn-bound" related "call of Grant-Wrapped"@108
}
Grant-Wrapped -Identity 'CONTOSO\fn-bound' -Privilege SeImpersonatePrivilege
Grant-Wrapped -Identity 'CONTOSO\fn-bound-other-right' -Privilege SeServiceLogonRight
