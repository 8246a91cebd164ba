# Configuration data holds no commands; its strings are not grants.
@{
    AllNodes = @(
        @{
            NodeName       = 'web01'
            ServiceAccount = 'CONTOSO\svc-data'
            Rights         = @('SeImpersonatePrivilege')
        }
    )
}
