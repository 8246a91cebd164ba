# A param block whose parenthesis is on the next line, as ISE snippets, xDSCResourceDesigner and
# SecurityPolicyDsc write it, declares parameters exactly as param( does. A script run without the
# argument uses its default, as a function the file never calls does: the default is the account
# granted, unless calls of the script in the scanned tree pass others (the scan binds them).
[CmdletBinding()]
param
(
    [Parameter()]
    [string]
    $Account = 'CONTOSO\pn-script-default'
)

Grant-CPrivilege -Identity $Account -Privilege SeImpersonatePrivilege # want "PL1001: .*pn-script-default"

function Set-TokenRight
{
    [CmdletBinding()]
    param
    (
        [string] $Who = 'CONTOSO\pn-function-default'
    )
    Grant-CPrivilege -Identity $Who -Privilege SeImpersonatePrivilege # want "PL1001: .*pn-function-default"
}

# The function's parameter list on the line after its name.
function Set-OtherRight
(
    [string] $Whom = 'CONTOSO\pn-list-default'
)
{
    Grant-CPrivilege -Identity $Whom -Privilege SeAssignPrimaryTokenPrivilege # want "PL1002: .*pn-list-default"
}

$grant = {
    param
    (
        $Member = 'CONTOSO\pn-block-default'
    )
    Grant-CPrivilege -Identity $Member -Privilege SeImpersonatePrivilege # want "PL1005: .*\$Member"
}

# A grant after the declarations is still read as written.
Grant-CPrivilege -Identity 'CONTOSO\pn-after' -Privilege SeImpersonatePrivilege # want "PL1001: .*pn-after"
