# Variables resolve to the string last assigned when it is known; otherwise the account is
# reported as unresolved, with the variable as written.
param(
    [Parameter(Mandatory)]
    [string]$ServiceAccount,
    [string]$Fallback = 'NT AUTHORITY\NETWORK SERVICE'
)

# The rule example of PL1005.
Grant-CPrivilege -Identity $env:SVC_ACCOUNT -Privilege SeImpersonatePrivilege # want "PL1005: SeImpersonatePrivilege is given to \$env:SVC_ACCOUNT, which privlint cannot resolve"

# A script parameter is known only at run time; one with a default is the default when the script
# runs without it (the safe NETWORK SERVICE here, so no finding), unless calls in the scanned tree
# pass another.
Grant-CPrivilege -Identity $ServiceAccount -Privilege SeImpersonatePrivilege # want "PL1005: .*\$ServiceAccount"
Grant-CPrivilege -Identity $Fallback -Privilege SeImpersonatePrivilege

# A literal assignment resolves; the last assignment wins.
$account = 'CONTOSO\first'
$account = 'CONTOSO\var-literal'
Grant-CPrivilege -Identity $account -Privilege SeImpersonatePrivilege # want "PL1001: .*var-literal"

# Interpolation, -f formatting and concatenation of resolvable parts.
$domain = 'CONTOSO'
$name = 'var-interp'
Grant-CPrivilege -Identity "$domain\$name" -Privilege SeImpersonatePrivilege # want "PL1001: .*CONTOSO.var-interp"
$formatted = '{0}\{1}' -f $domain, 'var-format'
Grant-CPrivilege -Identity $formatted -Privilege SeImpersonatePrivilege # want "PL1001: .*CONTOSO.var-format"
$joined = $domain + '\' + 'var-concat'
Grant-CPrivilege -Identity $joined -Privilege SeImpersonatePrivilege # want "PL1001: .*CONTOSO.var-concat"
Grant-CPrivilege -Identity ("{0}\{1}" -f $domain, "var-paren") -Privilege SeImpersonatePrivilege # want "PL1001: .*CONTOSO.var-paren"

# A domain known only at run time: the written name decides, whatever the domain is.
Grant-CPrivilege -Identity "$env:USERDOMAIN\var-env" -Privilege SeImpersonatePrivilege # want "PL1001: .*\$env:USERDOMAIN.var-env, outside the safe set"
$agent = "$env:COMPUTERNAME\var-agent"
Grant-CPrivilege -Identity $agent -Privilege SeImpersonatePrivilege # want "PL1001: .*\$env:COMPUTERNAME.var-agent, outside the safe set"
foreach ($a in @("$env:USERDOMAIN\var-loop")) { Grant-CPrivilege -Identity $a -Privilege SeImpersonatePrivilege } # want "PL1001: .*var-loop"
"$env:USERDOMAIN\var-pipe" | ForEach-Object { Grant-CPrivilege -Identity $_ -Privilege SeImpersonatePrivilege } # want "PL1001: .*var-pipe"
$splat = @{ Identity = "$env:USERDOMAIN\var-splat"; Privilege = 'SeImpersonatePrivilege' }
Grant-CPrivilege @splat # want "PL1001: .*var-splat"
$here = @"
$env:USERDOMAIN\var-here
"@
Grant-CPrivilege -Identity $here -Privilege SeImpersonatePrivilege # want "PL1001: .*var-here"
# A name known only at run time in an ordinary domain is an account outside the safe set.
Grant-CPrivilege -Identity "CONTOSO\$env:SVCNAME" -Privilege SeImpersonatePrivilege # want "PL1001: .*CONTOSO.\$env:SVCNAME"
Grant-CPrivilege -Identity "IIS APPPOOL\$env:POOL" -Privilege SeImpersonatePrivilege # want "PL1004: .*IIS APPPOOL.*iis exception"
$fromCommand = (Get-ADServiceAccount -Identity web).SamAccountName
Grant-CPrivilege -Identity $fromCommand -Privilege SeImpersonatePrivilege # want "PL1005: .*\$fromCommand"

# The right held in a variable.
$right = 'SeImpersonatePrivilege'
Grant-CPrivilege -Identity 'CONTOSO\var-right' -Privilege $right # want "PL1001: .*var-right"
$rights = @('SeServiceLogonRight')
$rights += 'SeAssignPrimaryTokenPrivilege'
Grant-CPrivilege -Identity 'CONTOSO\var-plus' -Privilege $rights # want "PL1002: .*var-plus"

# Typed and scoped assignments.
[string]$typed = 'CONTOSO\var-typed'
Grant-CPrivilege -Identity $typed -Privilege SeImpersonatePrivilege # want "PL1001: .*var-typed"
$script:scoped = 'CONTOSO\var-script'
Grant-CPrivilege -Identity $script:scoped -Privilege SeImpersonatePrivilege # want "PL1001: .*var-script"

# Splatting a hashtable binds by name; entries added later count.
$params = @{
    Identity  = 'CONTOSO\var-splat'
    Privilege = 'SeImpersonatePrivilege'
}
Grant-CPrivilege @params # want "PL1001: .*var-splat"
$more = @{}
$more.Identity = 'CONTOSO\var-member'
$more['Privilege'] = 'SeImpersonatePrivilege', 'SeBatchLogonRight'
Grant-CPrivilege @more # want "PL1001: .*var-member"

# Splatting an array binds by position.
$positional = 'CONTOSO\var-splat-array', 'SeImpersonatePrivilege'
Grant-UserRight @positional # want "PL1001: .*var-splat-array"

# A function called in the file: its body runs with the call's arguments (see functions.ps1).
function Grant-ServiceRight {
    param([string]$Account, [string]$Right = 'SeImpersonatePrivilege')
    Grant-CPrivilege -Identity $Account -Privilege $Right # want "PL1001: .*var-call"
    $local = 'CONTOSO\var-in-function'
    Grant-CPrivilege -Identity $local -Privilege SeImpersonatePrivilege # want "PL1001: .*var-in-function"
}
Grant-ServiceRight -Account 'CONTOSO\var-call' -Right SeImpersonatePrivilege
# An unresolved account says where it comes from.
function Grant-Rights {
    param([string]$Account)
    Grant-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege # want "PL1005: .*given to \$Account \(parameter of Grant-Rights\)"
    $who = $Account
    Grant-CPrivilege -Identity $who -Privilege SeAssignPrimaryTokenPrivilege # want "PL1005: .*given to \$who \(set from \$Account, parameter of Grant-Rights\)"
}

# A DSC resource reads accounts known in part the same way.
Configuration PartlyKnown {
    Import-DscResource -ModuleName SecurityPolicyDsc
    $dscAccount = "$env:USERDOMAIN\dsc-svc"
    Node localhost {
        UserRightsAssignment Impersonate {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = $dscAccount # want "PL1001: .*\$env:USERDOMAIN.dsc-svc, outside the safe set"
        }
    }
}
$nt = "$env:USERDOMAIN\nt-svc"
ntrights -u $nt +r SeImpersonatePrivilege # want "PL1001: .*given to \$env:USERDOMAIN.nt-svc, outside the safe set"
