# A secedit export patched in code and applied with secedit /configure: the line an edit writes
# grants its accounts (what the export held before is not known), reported at the replacement.
secedit /export /cfg "$env:TEMP\export.inf" /areas USER_RIGHTS

# -replace with a literal pattern, the replacement naming the right and the accounts.
(Get-Content "$env:TEMP\export.inf") -replace 'SeImpersonatePrivilege = ', 'SeImpersonatePrivilege = CONTOSO\ed-replace,' | Set-Content "$env:TEMP\export.inf" # want "PL1001: .*ed-replace"
# The replacement keeps the export's line ($1) and appends to it.
(Get-Content x.inf) -replace '(SeAssignPrimaryTokenPrivilege\s*=.*)', '$1,CONTOSO\ed-group' | Set-Content x.inf # want "PL1002: .*ed-group"
# .Replace() on the export's text, as Chef recipes and Vagrant provisioners write it.
$cfg = Get-Content x.inf -Raw
$cfg = $cfg.Replace('SeAssignPrimaryTokenPrivilege = ', 'SeAssignPrimaryTokenPrivilege = vagrant,') # want "PL1002: .*vagrant"
$cfg | Set-Content x.inf
# The account from a variable.
$svcAccount = 'CONTOSO\ed-var'
(Get-Content x.inf) -replace 'SeImpersonatePrivilege = ', "SeImpersonatePrivilege = $svcAccount," | Set-Content x.inf # want "PL1001: .*ed-var"

# Lines appended to the template: each `Right = accounts` line alone is a template line.
Add-Content -Path x.inf -Value '[Privilege Rights]'
Add-Content -Path x.inf -Value 'SeImpersonatePrivilege = *S-1-1-0' # want "PL1003: .*Everyone"
'SeAssignPrimaryTokenPrivilege = CONTOSO\ed-outfile' | Out-File -FilePath x.inf -Append # want "PL1002: .*ed-outfile"
"SeImpersonatePrivilege = CONTOSO\ed-redirect" >> x.inf # want "PL1001: .*ed-redirect"
Write-Output 'SeImpersonatePrivilege = CONTOSO\ed-echo' >> x.inf # want "PL1001: .*ed-echo"
Add-Content x.inf -Value @('[Privilege Rights]', 'SeImpersonatePrivilege = CONTOSO\ed-lines') # want "PL1001: .*ed-lines"
[IO.File]::AppendAllText('x.inf', "SeImpersonatePrivilege = CONTOSO\ed-dotnet`r`n") # want "PL1001: .*ed-dotnet"
[System.IO.File]::AppendAllLines('x.inf', [string[]]@('SeAssignPrimaryTokenPrivilege = *S-1-5-20'))
secedit /configure /db secedit.sdb /cfg x.inf /areas USER_RIGHTS

# Negative twins: an edit that removes an account, safe accounts, a line only printed, a comment.
(Get-Content x.inf) -replace 'CONTOSO\\ed-removed,?', '' | Set-Content x.inf
(Get-Content x.inf) -replace 'SeImpersonatePrivilege = ', 'SeImpersonatePrivilege = *S-1-5-6,' | Set-Content x.inf
$cfg.Replace('SeAssignPrimaryTokenPrivilege = ', 'SeAssignPrimaryTokenPrivilege = *S-1-5-20,') | Set-Content x.inf
Add-Content -Path x.inf -Value 'SeImpersonatePrivilege = *S-1-5-19'
Write-Host 'SeImpersonatePrivilege = CONTOSO\ed-printed'
# Add-Content -Path x.inf -Value 'SeImpersonatePrivilege = CONTOSO\ed-comment'
(Get-Content x.inf) -replace 'SeServiceLogonRight = ', 'SeServiceLogonRight = CONTOSO\ed-other,' | Set-Content x.inf

# An edit in a function: the account the call passes.
function Add-ExportRight {
    param($Account)
    (Get-Content x.inf) -replace 'SeImpersonatePrivilege = ', "SeImpersonatePrivilege = $Account," | Set-Content x.inf # want "PL1001: .*ed-call" related "call of Add-ExportRight"@42
}
Add-ExportRight -Account 'CONTOSO\ed-call'
Add-ExportRight -Account 'NT AUTHORITY\SERVICE'
