# Any other Grant-, Add- or Set- command that passes one of the rights with an account parameter
# (-Account, -Identity, -User, -Principal, -Sid) is a grant.
Set-UserRights -AddRight -Username 'CONTOSO\gen-setuserrights' -UserRight SeImpersonatePrivilege # want "PL1001: .*gen-setuserrights"
Set-UserRights -RemoveRight -Username 'Everyone' -UserRight SeImpersonatePrivilege
Add-AccountPrivilege -Principal 'CONTOSO\gen-principal' -Privilege 'SeAssignPrimaryTokenPrivilege' # want "PL1002: .*gen-principal"
Grant-TokenRight -Sid 'S-1-1-0' SeImpersonatePrivilege # want "PL1003: .*S-1-1-0"
Add-UserRight -User 'CONTOSO\gen-user' -Rights 'Impersonate a client after authentication' # want "PL1001: .*gen-user"
Set-Privilege -Identity $env:APP_POOL_USER -Name SeImpersonatePrivilege -Force # want "PL1005: .*\$env:APP_POOL_USER"
Grant-Right -Account 'CONTOSO\gen-typo' -Right SeAssignPrimaryTokenPrivlege # want "PL2001: .*SeAssignPrimaryTokenPrivlege"
