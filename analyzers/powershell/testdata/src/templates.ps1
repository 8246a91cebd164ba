# A security template written from a here-string and applied with secedit: its [Privilege Rights]
# lines are read where they are written, as a template (each line sets the whole list).
$template = @'
[Unicode]
Unicode=yes
[Version]
signature="$CHICAGO$"
Revision=1
[Privilege Rights]
# want "PL1001: .*CONTOSO.svc-template"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\svc-template
# want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
SeAssignPrimaryTokenPrivilege = *S-1-5-19
'@
$template | Out-File -FilePath "$env:TEMP\rights.inf" -Encoding Unicode
secedit /configure /db secedit.sdb /cfg "$env:TEMP\rights.inf" /areas USER_RIGHTS

# An expandable here-string: its variables are resolved when they can be, else unresolved.
$svc = 'CONTOSO\svc-expanded'
Set-Content -Path rights.inf -Value @"
[Version]
signature="`$CHICAGO`$"
[Privilege Rights]
# want "PL1001: .*svc-expanded" "PL1005: .*\$env:EXTRA"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,$svc,$env:EXTRA
"@

# A template in an ordinary string, with a duplicate line.
$short = '[Privilege Rights]
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6
# want "PL2004: SeImpersonatePrivilege is assigned again"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6
'

# A string that only mentions the section is not a template, nor is one that is only printed.
Write-Host "Updating [Privilege Rights] in the local policy"
Write-Output @'
[Privilege Rights]
SeImpersonatePrivilege = Everyone
'@

# Written out through a pipeline, it is a template again.
Write-Output @'
[Privilege Rights]
# want "PL1003: .*Everyone"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,Everyone
'@ | Out-File -FilePath rights.inf

# A format item names no account where it is written: -f fills it in at run time.
$format = @'
[Privilege Rights]
# want "PL1005: .*given to \{0\}, which privlint cannot resolve"@33 "PL1002: .*\{1\}.tpl-named, outside the safe set"@37
SeAssignPrimaryTokenPrivilege = {0},{1}\tpl-named
'@
$format -f $env:ACCT, $env:USERDOMAIN | Out-File -FilePath format.inf

# Filled in place with literal arguments, a format item is the argument it names; with an argument
# known only at run time, it stays unknown.
@'
[Privilege Rights]
# want "PL1002: .*CONTOSO.tpl-filled, outside the safe set" "PL1002: .*BUILTIN.Users|PL1003: .*Users"
SeAssignPrimaryTokenPrivilege = {0},{1}
'@ -f 'CONTOSO\tpl-filled', 'BUILTIN\Users' | Out-File -FilePath filled.inf
@'
[Privilege Rights]
# want "PL1005: .*given to \{0\}, which privlint cannot resolve"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,{0}
'@ -f $env:TPL_ACCOUNT | Out-File -FilePath unfilled.inf
@'
[Privilege Rights]
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,{0}
'@ -f 'NT AUTHORITY\SERVICE' | Out-File -FilePath safe.inf

# A variable in the domain part: the written name decides.
$dom = $env:USERDOMAIN
@"
[Privilege Rights]
# want "PL1001: .*dom.tpl-svc, outside the safe set"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,$dom\tpl-svc
"@ | Out-File -FilePath dom.inf
