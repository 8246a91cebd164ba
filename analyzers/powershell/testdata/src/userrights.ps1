# UserRights module (Tony Pombo): Grant-UserRight / Revoke-UserRight.
# -Account (aliases -User, -Username, -SID) is position 0, -Right (alias -Privilege) position 1;
# both take arrays.

Grant-UserRight -Account 'CONTOSO\svc-ur' -Right SeImpersonatePrivilege # want "PL1001: .*svc-ur"
Grant-UserRight -User 'CONTOSO\svc-user' -Right SeImpersonatePrivilege # want "PL1001: .*svc-user"
Grant-UserRight -Username 'CONTOSO\svc-username' -Privilege SeAssignPrimaryTokenPrivilege # want "PL1002: .*svc-username"

# Positional account and right.
Grant-UserRight 'CONTOSO\svc-positional' SeImpersonatePrivilege # want "PL1001: .*svc-positional"

# Named right, positional account.
Grant-UserRight -Right SeImpersonatePrivilege 'CONTOSO\svc-mixed' # want "PL1001: .*svc-mixed"

# An array of accounts: each is reported on its own, with the edit that drops it from the list.
Grant-UserRight -Account 'NT AUTHORITY\SERVICE', 'CONTOSO\svc-list', 'BUILTIN\Users' -Right SeImpersonatePrivilege # want "PL1001: .*svc-list" "PL1003: .*Users"

# A right granted together with others.
Grant-UserRight -Account 'CONTOSO\svc-rights' -Right SeServiceLogonRight,SeImpersonatePrivilege # want "PL1001: .*svc-rights"

# Revoke-UserRight removes: never a grant.
Revoke-UserRight -Account 'Everyone' -Right SeImpersonatePrivilege
Revoke-UserRight 'CONTOSO\svc-ur' SeImpersonatePrivilege

# A SID as the account.
Grant-UserRight -SID 'S-1-5-32-545' -Right SeImpersonatePrivilege # want "PL1003: .*S-1-5-32-545.*broad group"
Grant-UserRight -Account 'S-1-5-20' -Right SeImpersonatePrivilege
