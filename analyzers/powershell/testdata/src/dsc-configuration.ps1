# A DSC configuration called with arguments compiles its resources with them: it is followed as a
# function is, the account the call passes reported at the resource.
Configuration TokenRights
{
    param(
        [Parameter(Mandatory)][string[]]$ServiceAccounts,
        [string]$Right = 'Impersonate_a_client_after_authentication'
    )
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node localhost
    {
        UserRightsAssignment Grant
        {
            Policy   = $Right
            Identity = $ServiceAccounts # want "PL1001: .*dsc-call" related "call of TokenRights"@19 "PL1005: .*\$env:SVC_ACCOUNT" related "call of TokenRights"@21
        }
    }
}
TokenRights -ServiceAccounts 'CONTOSO\dsc-call' -OutputPath C:\Dsc
TokenRights -ServiceAccounts 'NT AUTHORITY\SERVICE' -OutputPath C:\Dsc
TokenRights -ServiceAccounts $env:SVC_ACCOUNT

# A configuration never called in the file keeps its parameters unresolved, or its defaults.
Configuration NeverCalled
{
    param([string]$Account, [string]$Safe = 'NT AUTHORITY\NETWORK SERVICE')
    Import-DscResource -ModuleName SecurityPolicyDsc
    Node localhost
    {
        UserRightsAssignment Unknown
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = $Account # want "PL1005: .*\$Account \(parameter of NeverCalled\)"
        }
        UserRightsAssignment SafeDefault
        {
            Policy   = 'Impersonate_a_client_after_authentication'
            Identity = $Safe
        }
    }
}
