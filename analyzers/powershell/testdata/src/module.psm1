# A module: its functions are analyzed where they are defined.
function Install-WebService {
    [CmdletBinding()]
    param([string]$PoolIdentity)
    Grant-CPrivilege -Identity 'IIS APPPOOL\DefaultAppPool' -Privilege SeImpersonatePrivilege # want "PL1004: .*DefaultAppPool"
    Grant-CPrivilege -Identity $PoolIdentity -Privilege SeImpersonatePrivilege # want "PL1005: .*\$PoolIdentity"
}
Export-ModuleMember -Function Install-WebService
