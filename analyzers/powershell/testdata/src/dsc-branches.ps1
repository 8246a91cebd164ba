# UserRightsAssignment resources in the branches of one if/elseif/else never both apply: they are
# not duplicates. One in a branch and one outside, or two in one branch, are. A switch may run
# several clauses, so its clauses are not exclusive.
Configuration Branches
{
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node localhost
    {
        if ($Node.Role -eq 'web') {
            UserRightsAssignment Web
            {
                Policy   = 'Impersonate_a_client_after_authentication'
                Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
                Force    = $true
            }
        } elseif ($Node.Role -eq 'db') {
            UserRightsAssignment Db
            {
                Policy   = 'Impersonate_a_client_after_authentication'
                Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
                Force    = $true
            }
            UserRightsAssignment Db2
            {
                Policy   = 'Impersonate_a_client_after_authentication' # want "PL2004: SeImpersonatePrivilege is assigned again \(first on line 19\)"
                Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
                Force    = $true
            }
        } else {
            UserRightsAssignment Other
            {
                Policy   = 'Impersonate_a_client_after_authentication'
                Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE', 'CONTOSO\web' # want "PL1001: .*CONTOSO.web"
                Force    = $true
            }
        }
        switch ($Node.Role) {
            'a' { UserRightsAssignment A { Policy = 'Replace_a_process_level_token'; Identity = 'LOCAL SERVICE', 'NETWORK SERVICE'; Force = $true } }
            'b' { UserRightsAssignment B { Policy = 'Replace_a_process_level_token'; Identity = 'LOCAL SERVICE', 'NETWORK SERVICE'; Force = $true } } # want "PL2004: SeAssignPrimaryTokenPrivilege is assigned again \(first on line 38\)"
        }
        UserRightsAssignment After
        {
            Policy   = 'Impersonate_a_client_after_authentication' # want "PL2004: SeImpersonatePrivilege is assigned again \(first on line 12\)"
            Identity = 'Administrators', 'LOCAL SERVICE', 'NETWORK SERVICE', 'SERVICE'
            Force    = $true
        }
    }
}
