# PSPrivilege (jborean93): Add-WindowsRight / Remove-WindowsRight / Clear-WindowsRight.
# -Name (position 0) is the right or rights, -Account (position 1) the accounts.
Import-Module PSPrivilege

Add-WindowsRight -Name SeImpersonatePrivilege -Account 'CONTOSO\svc-psp' # want "PL1001: .*svc-psp"
Add-WindowsRight SeAssignPrimaryTokenPrivilege 'CONTOSO\svc-psp-pos' # want "PL1002: .*svc-psp-pos"

# Accounts built as SecurityIdentifier or NTAccount objects.
$users = [System.Security.Principal.SecurityIdentifier]::new('S-1-5-32-545')
Add-WindowsRight -Name SeImpersonatePrivilege -Account $users # want "PL1003: .*S-1-5-32-545"
$svc = New-Object -TypeName System.Security.Principal.NTAccount -ArgumentList 'CONTOSO', 'svc-ntaccount'
Add-WindowsRight -Name SeImpersonatePrivilege -Account $svc # want "PL1001: .*svc-ntaccount"
$local = [Security.Principal.NTAccount]'NT AUTHORITY\LOCAL SERVICE'
Add-WindowsRight -Name SeAssignPrimaryTokenPrivilege -Account $local

Remove-WindowsRight -Name SeImpersonatePrivilege -Account 'Everyone'

# Clearing a right replaces its accounts with nobody: the services that need it lose it.
Clear-WindowsRight -Name SeAssignPrimaryTokenPrivilege # want "PL2003: SeAssignPrimaryTokenPrivilege is set without .*LOCAL SERVICE.*NETWORK SERVICE"
# Clearing an account's rights names no right.
Clear-WindowsRight -Account 'CONTOSO\svc-psp'

# Querying and adjusting the current process's token change no assignment.
Get-WindowsRight -Name SeImpersonatePrivilege
Enable-ProcessPrivilege -Name SeImpersonatePrivilege
