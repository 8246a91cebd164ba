# DSC: SecurityPolicyDsc's UserRightsAssignment and Carbon's Carbon_Privilege.
Configuration UserRights
{
    param([string[]]$ExtraAccounts)

    Import-DscResource -ModuleName SecurityPolicyDsc
    Import-DscResource -ModuleName Carbon

    Node localhost
    {
        # Adds the accounts (the default): the display-name policy is read as the right.
        UserRightsAssignment Impersonate
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = @('NT AUTHORITY\SERVICE', 'CONTOSO\svc-dsc') # want "PL1001: .*svc-dsc"
        }

        # Force = $true replaces the list: leaving out a required account is reported when
        # nothing else is.
        UserRightsAssignment ReplaceToken
        {
            Policy   = "Replace_a_process_level_token" # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
            Identity = 'NT AUTHORITY\LOCAL SERVICE'
            Force    = $true
        }

        # A replacing list with an account outside the safe set.
        UserRightsAssignment ImpersonateSet
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE', 'CONTOSO\svc-set' # want "PL1001: .*svc-set"
            Force    = $true
        }

        # One comma-joined string also occurs.
        UserRightsAssignment Joined
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'NT AUTHORITY\SERVICE,CONTOSO\svc-joined, Guests' # want "PL1001: .*svc-joined" "PL1003: .*Guests"
        }

        # Ensure = 'Absent' removes the accounts.
        UserRightsAssignment Remove
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'Everyone'
            Ensure   = 'Absent'
        }

        # Accounts from the configuration's parameters are known only when it is compiled.
        UserRightsAssignment FromParameter
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = $ExtraAccounts # want "PL1005: .*\$ExtraAccounts"
        }

        # A misspelled policy name.
        UserRightsAssignment Typo
        {
            Policy   = 'Impersonate_a_client_after_authentcation' # want "PL2001: .*did you mean SeImpersonatePrivilege"
            Identity = 'CONTOSO\svc-typo'
        }

        # Carbon_Privilege gives its Identity the privileges listed.
        Carbon_Privilege SvcPrivileges
        {
            Identity  = 'CONTOSO\svc-carbon' # want "PL1001: .*svc-carbon" "PL1002: .*svc-carbon"
            Privilege = 'SeServiceLogonRight', 'SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege'
            Ensure    = 'Present'
        }

        Carbon_Privilege RevokeAll
        {
            Identity  = 'CONTOSO\svc-old'
            Privilege = @('SeImpersonatePrivilege')
            Ensure    = 'Absent'
        }

        # Other resources do not assign rights.
        File Marker
        {
            DestinationPath = 'C:\marker.txt'
            Contents        = 'SeImpersonatePrivilege'
        }
    }
}

# The same resources run directly.
Invoke-DscResource -Name UserRightsAssignment -ModuleName SecurityPolicyDsc -Method Set -Property @{
    Policy   = 'Impersonate_a_client_after_authentication'
    Identity = 'CONTOSO\svc-invoke' # want "PL1001: .*svc-invoke"
}
Invoke-DscResource -Name UserRightsAssignment -ModuleName SecurityPolicyDsc -Method Test -Property @{
    Policy   = 'Impersonate_a_client_after_authentication'
    Identity = 'CONTOSO\svc-test'
}
