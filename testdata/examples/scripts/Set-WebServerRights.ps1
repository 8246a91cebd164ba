<#
.SYNOPSIS
    Prepares a web server: service accounts and the user rights the shop's app pools need.
#>
param(
    [string]$ServiceAccount = $env:SHOP_SERVICE_ACCOUNT
)

Import-Module Carbon

$pool = 'IIS APPPOOL\Shop'
Grant-CPrivilege -Identity $pool -Privilege SeImpersonatePrivilege

# The reporting job runs as a domain account and launches helpers under other tokens.
Grant-CPrivilege -Identity 'CONTOSO\svc-reports' -Privilege SeAssignPrimaryTokenPrivilege, SeServiceLogonRight

# Whatever account the pipeline passes in.
Grant-CPrivilege -Identity $ServiceAccount -Privilege SeImpersonatePrivilege

Configuration WebServerRights {
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node 'localhost' {
        UserRightsAssignment Impersonate {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE', 'Authenticated Users'
            Force    = $true
        }
    }
}
