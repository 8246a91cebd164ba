# Carbon: Grant-CPrivilege / Revoke-CPrivilege (Carbon 1.x: Grant-Privilege / Revoke-Privilege).
# -Identity takes the account, -Privilege a string[] of rights; both are positional (0 and 1).
Import-Module Carbon

# Named parameters, single-quoted account.
Grant-CPrivilege -Identity 'CONTOSO\svc-web' -Privilege SeImpersonatePrivilege # want "PL1001: SeImpersonatePrivilege is given to CONTOSO.svc-web, outside the safe set"

# The documented safe set raises nothing.
Grant-CPrivilege -Identity 'NT AUTHORITY\NETWORK SERVICE' -Privilege SeImpersonatePrivilege
Grant-CPrivilege -Identity 'NT AUTHORITY\LOCAL SERVICE' -Privilege SeAssignPrimaryTokenPrivilege

# Double-quoted and bare accounts; case-insensitive command and parameter names.
grant-cprivilege -IDENTITY "CONTOSO\svc-api" -privilege SeImpersonatePrivilege # want "PL1001: .*svc-api"
Grant-CPrivilege -Identity CONTOSO\svc-bare -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-bare"

# Positional: identity first, privileges second.
Grant-CPrivilege 'CONTOSO\svc-pos' SeImpersonatePrivilege # want "PL1001: .*svc-pos"

# Unambiguous prefixes of the parameter names.
Grant-CPrivilege -Ident 'CONTOSO\svc-prefix' -Priv SeImpersonatePrivilege # want "PL1001: .*svc-prefix"

# The colon form binds the value to the parameter.
Grant-CPrivilege -Identity:'CONTOSO\svc-colon' -Privilege:SeImpersonatePrivilege # want "PL1001: .*svc-colon"

# Several rights in one call: one assignment per right; other rights are not reported.
Grant-CPrivilege -Identity 'CONTOSO\svc-multi' -Privilege SeServiceLogonRight, SeImpersonatePrivilege, SeAssignPrimaryTokenPrivilege # want "PL1001: .*svc-multi" "PL1002: .*svc-multi"
Grant-CPrivilege -Identity 'CONTOSO\svc-array' -Privilege @('SeBatchLogonRight', 'SeImpersonatePrivilege') # want "PL1001: .*svc-array"

# Replace a process level token: Administrators are not in its safe set.
Grant-CPrivilege -Identity 'BUILTIN\Administrators' -Privilege SeAssignPrimaryTokenPrivilege # want "PL1002: SeAssignPrimaryTokenPrivilege is given to BUILTIN.Administrators"

# A broad group, and an account a documented exception covers.
Grant-CPrivilege -Identity 'Everyone' -Privilege SeImpersonatePrivilege # want "PL1003: .*Everyone.*broad group"
Grant-CPrivilege -Identity 'IIS_IUSRS' -Privilege SeImpersonatePrivilege # want "PL1004: .*IIS_IUSRS.*iis exception"

# A misspelled right does nothing; privlint says so.
Grant-CPrivilege -Identity 'CONTOSO\svc-typo' -Privilege SeImpersonatePrivelege # want "PL2001: \"SeImpersonatePrivelege\" is not a right Windows knows"

# A module-qualified name, and the Carbon 1.x names.
Carbon\Grant-CPrivilege -Identity 'CONTOSO\svc-qualified' -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-qualified"
Grant-Privilege -Identity 'CONTOSO\svc-v1' -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-v1"

# Revokes are never grants.
Revoke-CPrivilege -Identity 'CONTOSO\svc-web' -Privilege SeImpersonatePrivilege
Revoke-Privilege -Identity 'Everyone' -Privilege SeImpersonatePrivilege, SeAssignPrimaryTokenPrivilege

# Queries change nothing.
Test-CPrivilege -Identity 'CONTOSO\svc-web' -Privilege SeImpersonatePrivilege
Get-CPrivilege -Identity 'CONTOSO\svc-web'
