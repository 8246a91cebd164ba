REM A scheduled task runs its /TR command line later: it is read as one.
REM want "PL1001: .*svc-task"
schtasks /create /tn harden /sc onstart /ru SYSTEM /tr "powershell -Command Grant-CPrivilege -Identity CONTOSO\svc-task -Privilege SeImpersonatePrivilege"
REM want "PL1002: .*svc-tr"
SCHTASKS -Create -TN x -TR "ntrights -u CONTOSO\svc-tr +r SeAssignPrimaryTokenPrivilege"
REM A task that only echoes the command grants nothing.
schtasks /create /tn note /tr "cmd /c echo ntrights -u Everyone +r SeImpersonatePrivilege"
