# Two replacing UserRightsAssignment resources for one policy in one node: only one takes effect.
Configuration Duplicate
{
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node localhost
    {
        UserRightsAssignment First
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
            Force    = $true
        }
        UserRightsAssignment Second
        {
            Policy   = 'Impersonate_a_client_after_authentication' # want "PL2004: SeImpersonatePrivilege is assigned again \(first on line 9\)"
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
            Force    = $true
        }
    }
    Node other
    {
        UserRightsAssignment Third
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
            Force    = $true
        }
    }
}
