@echo off
setlocal
REM A variable SET to a literal resolves; the finding lands on the reference.
set SVC=CONTOSO\svc-web
REM want "PL1001: .*CONTOSO\\svc-web"@39
ntrights +r SeImpersonatePrivilege -u %SVC%
set "ACCOUNT=CONTOSO\svc sql"
REM want "PL1002: SeAssignPrimaryTokenPrivilege is given to CONTOSO\\svc sql,"
ntrights +r SeAssignPrimaryTokenPrivilege -u "%account%"
set RIGHT=SeImpersonatePrivilege
set SAFE=NT AUTHORITY\NETWORK SERVICE
ntrights +r %RIGHT% -u "%SAFE%"
REM A value built from another variable keeps what it knows.
set DOMAIN=CONTOSO
set USER=%DOMAIN%\svc-built
REM want "PL1001: .*CONTOSO\\svc-built"
ntrights +r %RIGHT% -u %USER%
REM Variables from the environment, parameters and user input are known only at run time.
REM want "PL1005: SeImpersonatePrivilege is given to %SVC_ACCOUNT%, which privlint cannot resolve"@39
ntrights +r SeImpersonatePrivilege -u %SVC_ACCOUNT%
REM want "PL1005: .*%USERDOMAIN%\\%USERNAME%"
ntrights +r SeImpersonatePrivilege -u "%USERDOMAIN%\%USERNAME%"
REM want "PL1005: .*%1"
ntrights +r SeImpersonatePrivilege -u %1
REM want "PL1005: .*%~2"
ntrights +r SeImpersonatePrivilege -u "%~2"
set /p PICKED=Account to grant:
REM want "PL1005: .*%PICKED%"
ntrights +r SeImpersonatePrivilege -u %PICKED%
REM Unsetting forgets the value.
set SVC=
REM want "PL1005: .*%SVC%"
ntrights +r SeImpersonatePrivilege -u %SVC%
REM A right known only at run time cannot be read.
REM problem "ntrights right %WHICH% is known only at run time"
ntrights +r %WHICH% -u CONTOSO\svc-web
REM A block is expanded before it runs: %U% inside it is the value from before the block.
set U=NT AUTHORITY\LOCAL SERVICE
if "%1"=="" (
  set U=CONTOSO\svc-late
  ntrights +r SeImpersonatePrivilege -u "%U%"
)
REM want "PL1001: .*CONTOSO\\svc-late"
ntrights +r SeImpersonatePrivilege -u "%U%"
REM With delayed expansion, !U! is the value of the moment.
setlocal EnableDelayedExpansion
set D=NetworkService
(
  set D=CONTOSO\svc-delayed
  REM want "PL1001: .*CONTOSO\\svc-delayed"
  ntrights +r SeImpersonatePrivilege -u !D!
)
REM want "PL1005: .*!NOPE!"
ntrights +r SeImpersonatePrivilege -u !NOPE!
REM A percent sign written twice is one percent sign.
REM want "PL1001: .*CONTOSO\\100%off"
ntrights +r SeImpersonatePrivilege -u CONTOSO\100%%off
REM A domain known only at run time: the written name decides, whatever the domain is.
REM want "PL1001: .*%USERDOMAIN%\\bat-svc, outside the safe set"
ntrights +r SeImpersonatePrivilege -u %USERDOMAIN%\bat-svc
REM A name known only at run time in an ordinary domain is an account outside the safe set.
REM want "PL1001: .*CONTOSO\\%SVCNAME%"
ntrights +r SeImpersonatePrivilege -u CONTOSO\%SVCNAME%
REM An unresolved account says what its variable was set from.
set INSTALL_USER=%~2
REM want "PL1005: .*given to %INSTALL_USER% \(set from %~2, the script's second argument\), which privlint cannot resolve"
ntrights +r SeImpersonatePrivilege -u %INSTALL_USER%
endlocal
REM ENDLOCAL restores the variables and the delayed expansion state of the matching SETLOCAL.
set SCOPED=CONTOSO\svc-outer
setlocal EnableDelayedExpansion
set SCOPED=NT AUTHORITY\NETWORK SERVICE
ntrights +r SeImpersonatePrivilege -u "%SCOPED%"
ntrights +r SeImpersonatePrivilege -u "!SCOPED!"
endlocal
REM want "PL1001: .*CONTOSO\\svc-outer"
ntrights +r SeImpersonatePrivilege -u "%SCOPED%"
REM want "PL1001: .*given to !SCOPED!,"
ntrights +r SeImpersonatePrivilege -u "!SCOPED!"
REM A value passed out on the ENDLOCAL line, expanded before ENDLOCAL runs, outlives the scope.
setlocal
set PASSED=CONTOSO\svc-passed
endlocal & set OUT=%PASSED%
REM want "PL1001: .*CONTOSO\\svc-passed"
ntrights +r SeImpersonatePrivilege -u %OUT%
REM want "PL1005: .*%PASSED%"
ntrights +r SeImpersonatePrivilege -u %PASSED%
