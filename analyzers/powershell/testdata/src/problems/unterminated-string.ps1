Grant-CPrivilege -Identity 'CONTOSO\before' -Privilege SeImpersonatePrivilege # want "PL1001: .*before"
# problem "unterminated string: add the closing \""
Write-Host "this string never ends
Grant-CPrivilege -Identity 'CONTOSO\after' -Privilege SeImpersonatePrivilege
