# LsaAddAccountRights through P/Invoke: a call that names the right literally is a grant. Its
# account is the SID argument, unresolved unless it is written literally.
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class Lsa {
    [DllImport("advapi32.dll")]
    public static extern uint LsaAddAccountRights(IntPtr policy, byte[] sid, LSA_UNICODE_STRING[] rights, uint count);
}
'@

$sid = (New-Object System.Security.Principal.NTAccount('CONTOSO', 'svc')).Translate([System.Security.Principal.SecurityIdentifier])
[Lsa]::LsaAddAccountRights($policy, $sidBytes, (New-LsaString 'SeImpersonatePrivilege'), 1) # want "PL1005: .*\$sidBytes"

$right = 'SeAssignPrimaryTokenPrivilege'
$status = [Lsa]::LsaAddAccountRights($policy, $sidBytes, $right, 1) # want "PL1005: .*\$sidBytes"

# A wrapper whose SID argument is literal.
[LsaWrapper]::AddAccountRights('S-1-5-32-545', 'SeImpersonatePrivilege') # want "PL1003: .*S-1-5-32-545"
$lsa = New-Object LsaWrapper
$lsa.AddAccountRights('S-1-5-20', 'SeImpersonatePrivilege')
$lsa.AddAccountRights([System.Security.Principal.SecurityIdentifier]::new('S-1-5-21-1-2-3-1107'), 'SeImpersonatePrivilege') # want "PL1001: .*S-1-5-21-1-2-3-1107"

# Carbon's own .NET call.
[Carbon.Lsa]::GrantPrivileges('CONTOSO\lsa-carbon', @('SeImpersonatePrivilege')) # want "PL1001: .*lsa-carbon"

# Removing is never a grant; a right that is not literal is not known.
[Lsa]::LsaRemoveAccountRights($policy, $sidBytes, $false, (New-LsaString 'SeImpersonatePrivilege'), 1)
[Lsa]::LsaAddAccountRights($policy, $sidBytes, $rightsFromConfig, 1)
