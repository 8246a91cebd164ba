# SERVICE (S-1-5-6) under its Italian name classifies as SERVICE: safe for SeImpersonatePrivilege,
# with and without NT AUTHORITY\ and in any case.
Grant-CPrivilege -Identity 'NT AUTHORITY\SERVIZIO' -Privilege SeImpersonatePrivilege
Grant-CPrivilege -Identity 'servizio' -Privilege SeImpersonatePrivilege
# For SeAssignPrimaryTokenPrivilege SERVICE is only the IIS exception, whatever its spelling.
Grant-CPrivilege -Identity 'NT AUTHORITY\SERVIZIO' -Privilege SeAssignPrimaryTokenPrivilege # want "PL1004: .*NT AUTHORITY.SERVIZIO \(NT AUTHORITY.SERVICE, S-1-5-6\)"
# The print spooler's identity by name: safe for one right, not the other.
Grant-CPrivilege -Identity 'RESTRICTED SERVICES\PrintSpoolerService' -Privilege SeImpersonatePrivilege
Grant-CPrivilege -Identity 'RESTRICTED SERVICES\PrintSpoolerService' -Privilege SeAssignPrimaryTokenPrivilege # want "PL1002: .*PrintSpoolerService"
