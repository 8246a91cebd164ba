# None of this grants a right: privlint reports nothing in this file.

# Comments.
# Grant-CPrivilege -Identity Everyone -Privilege SeImpersonatePrivilege
<# ntrights +r SeImpersonatePrivilege -u Everyone #>

# Strings that are only printed, logged or compared.
Write-Host "Granting SeImpersonatePrivilege to Everyone"
Write-Output 'Grant-CPrivilege -Identity Everyone -Privilege SeImpersonatePrivilege'
Write-Verbose "ntrights +r SeImpersonatePrivilege -u Everyone"
$message = "Add Everyone to SeImpersonatePrivilege manually"
if ($right -eq 'SeImpersonatePrivilege') { Write-Warning $message }
$privileges = whoami /priv
if ($privileges -match 'SeImpersonatePrivilege') { 'has it' }

# Queries.
Test-CPrivilege -Identity 'Everyone' -Privilege SeImpersonatePrivilege
Get-CPrivilege -Identity 'Everyone'
Get-UserRightsGrantedToAccount -Account 'Everyone'
Get-WindowsRight -Name SeImpersonatePrivilege
Test-UserRight -Account 'Everyone' -Right SeImpersonatePrivilege

# Enabling a privilege already held in the current token changes no assignment.
Enable-Privilege SeImpersonatePrivilege
Enable-ProcessPrivilege -Name SeImpersonatePrivilege
[TokenAdjuster]::AdjustTokenPrivileges($token, $false, [ref]$state, 0, [IntPtr]::Zero, [IntPtr]::Zero)
$adjuster.EnablePrivilege('SeImpersonatePrivilege')

# Parameter validation lists.
function Set-Something {
    param(
        [ValidateSet('SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege')]
        [string]$Right,
        [string]$Account
    )
}

# sc.exe privs sets a service's required privileges, not the account rights.
sc.exe privs MyService SeImpersonatePrivilege/SeAssignPrimaryTokenPrivilege
sc privs MyService SeImpersonatePrivilege

# Other Add- and Set- commands that happen to mention the right.
Add-Content -Path notes.txt -Value 'SeImpersonatePrivilege'
Set-Variable -Name right -Value SeImpersonatePrivilege
Add-LocalGroupMember -Group 'Administrators' -Member 'CONTOSO\admin'

# A grant of other rights only.
Grant-CPrivilege -Identity 'Everyone' -Privilege SeBatchLogonRight, SeServiceLogonRight
Grant-UserRight -Account 'Everyone' -Right SeChangeNotifyPrivilege

# A DSC resource only tested.
Invoke-DscResource -Name UserRightsAssignment -ModuleName SecurityPolicyDsc -Method Get -Property @{
    Policy = 'Impersonate_a_client_after_authentication'; Identity = 'Everyone'
}
