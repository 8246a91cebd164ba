# Force and Ensure mean what they mean in every language (package forms).
Configuration Forms
{
    param([bool]$ReplaceRights, [string]$Ensure)

    Import-DscResource -ModuleName SecurityPolicyDsc
    Import-DscResource -ModuleName Carbon

    Node localhost
    {
        # Force 'yes' is true, as Ansible's yes is.
        UserRightsAssignment ReplaceToken
        {
            Policy   = 'Replace_a_process_level_token' # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
            Identity = 'NT AUTHORITY\LOCAL SERVICE'
            Force    = 'yes'
        }

        # Without Identity DSC refuses the resource: it assigns nothing (no empty set).
        UserRightsAssignment NoIdentity
        {
            Policy   = 'Replace_a_process_level_token'
            Force    = $true
        }

        # A Force or an Ensure known only when the configuration is compiled never hides the grant.
        UserRightsAssignment FromParameters
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'CONTOSO\svc-param' # want "PL1001: .*svc-param"
            Force    = $ReplaceRights
            Ensure   = $Ensure
        }

        # A right listed twice is one assignment.
        Carbon_Privilege Twice
        {
            Identity  = 'CONTOSO\svc-twice' # want "PL1001: .*svc-twice"
            Privilege = 'SeImpersonatePrivilege', 'SeImpersonatePrivilege'
        }
    }
}
