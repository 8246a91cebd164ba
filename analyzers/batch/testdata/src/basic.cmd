@echo off
REM ntrights calls in the forms batch files use them. REM and :: lines, labels and ECHO never count.
REM want "PL1001: SeImpersonatePrivilege is given to CONTOSO\\svc-web, outside the safe set"@39
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-web
REM want "PL1003: SeImpersonatePrivilege is given to Everyone .*broad group"
ntrights.exe +r SeImpersonatePrivilege -u Everyone
REM want "PL1002: SeAssignPrimaryTokenPrivilege is given to BUILTIN\\Administrators"
NTRIGHTS.EXE -u "BUILTIN\Administrators" +r SeAssignPrimaryTokenPrivilege
REM want "PL1001: .*CONTOSO\\svc-app"@86
"C:\Program Files\Resource Kit\ntrights.exe" -m \\web01 +r SeImpersonatePrivilege -u CONTOSO\svc-app -e "granted by build"
REM want "PL1001: .*CONTOSO\\svc-path"
C:\Tools\ntrights -r SeDebugPrivilege -u Everyone & C:\Tools\NTRights.exe +r SeImpersonatePrivilege -uCONTOSO\svc-path
REM The safe set: nothing to report.
ntrights +r SeImpersonatePrivilege -u "NT AUTHORITY\NETWORK SERVICE"
ntrights +r SeAssignPrimaryTokenPrivilege -u "LOCAL SERVICE"
REM Revocations are never grants.
ntrights -r SeImpersonatePrivilege -u Everyone
ntrights -r SeAssignPrimaryTokenPrivilege -u CONTOSO\svc-old >nul 2>&1
REM Printed, commented or labelled: never run.
echo ntrights +r SeImpersonatePrivilege -u Everyone
echo.ntrights +r SeImpersonatePrivilege -u Everyone & echo(ntrights +r SeImpersonatePrivilege -u Everyone
rem ntrights +r SeImpersonatePrivilege -u Everyone & ntrights +r SeImpersonatePrivilege -u Everyone
:: ntrights +r SeImpersonatePrivilege -u Everyone
:label ntrights +r SeImpersonatePrivilege -u Everyone
REM An escaped ampersand is an argument, not a separator.
echo ntrights ^& ntrights +r SeImpersonatePrivilege -u Everyone
REM Operators run both sides; redirections are not arguments.
REM want "PL1001: .*CONTOSO\\svc-a" "PL1001: .*CONTOSO\\svc-b" "PL1001: .*CONTOSO\\svc-c"
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-a 2>nul && ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-b > log.txt || ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-c
REM want "PL2001: \"SeImpersonatePrivelege\" is not a right"
ntrights +r SeImpersonatePrivelege -u CONTOSO\svc-web
REM Other rights are not privlint's business.
ntrights +r SeServiceLogonRight -u CONTOSO\svc-web
REM problem "ntrights invocation has \+r SeImpersonatePrivilege but no -u account"
ntrights +r SeImpersonatePrivilege
ntrights /?
REM A directory known only at run time still names ntrights; a program name known only then does not.
REM want "PL1001: .*CONTOSO\\svc-dp0"
"%~dp0ntrights.exe" +r SeImpersonatePrivilege -u CONTOSO\svc-dp0
REM want "PL1001: .*CONTOSO\\svc-tools"
%TOOLS%\ntrights.exe +r SeImpersonatePrivilege -u CONTOSO\svc-tools
%NTRIGHTS% +r SeImpersonatePrivilege -u CONTOSO\svc-unknown
%TOOL%.exe +r SeImpersonatePrivilege -u CONTOSO\svc-unknown
