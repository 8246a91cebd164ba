@echo off
REM CALL :label runs the label's lines up to EXIT /B, GOTO :EOF or the end of the file, with %1-%9,
REM %~1 and %* bound to the call's arguments. A grant in the body is reported there, with the
REM account the call passes and the call as its related location.
call :grant CONTOSO\svc-called
REM The negative twin: a call passing an account of the safe set.
call :grant "NT AUTHORITY\NETWORK SERVICE"
REM An argument known only at run time is unresolved, with the call.
call :grant %SVC_ACCOUNT%
REM Through a variable the body sets, and through calls of calls (outermost first).
call :viaset "CONTOSO\svc quoted"
call :outer CONTOSO\svc-nested
REM %* holds every argument: a FOR over it runs once per account.
call :each CONTOSO\svc-a CONTOSO\svc-b
REM A variable a call sets (no SETLOCAL in it) is the script's: it keeps the call in its flow.
call :pick CONTOSO\svc-picked
REM want "PL1001: .*CONTOSO\\svc-picked" related "via call of :pick"@16
ntrights +r SeImpersonatePrivilege -u %PICKED%
REM The script's own argument passed on: the account is the script's second argument.
call :grant %2
REM Command strings in the body carry the call too.
call :nested CONTOSO\svc-cmd
REM A loop over the arguments (SHIFT, then GOTO back) runs once per argument.
call :all CONTOSO\svc-1 "NT AUTHORITY\LOCAL SERVICE" CONTOSO\svc-3
exit /b 0

:grant
REM A literal account in the body is reported once per call, with no related location.
REM want "PL1001: .*CONTOSO\\svc-literal" related none
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-literal
REM want "PL1001: .*CONTOSO\\svc-called" related "via call of :grant"@5
REM want "PL1005: .*%1 \(set from %SVC_ACCOUNT%\)" related "via call of :grant"@9
REM want "PL1001: .*CONTOSO\\svc-nested" related "via call of :outer"@12 related "via call of :grant"@47
REM want "PL1005: .*%1 \(set from %2, the script's second argument\)" related "via call of :grant"@20
ntrights +r SeImpersonatePrivilege -u %1
goto :eof

:viaset
setlocal
set ACCT=%~1
REM want "PL1002: .*CONTOSO\\svc quoted" related "via call of :viaset"@11
ntrights +r SeAssignPrimaryTokenPrivilege -u "%ACCT%"
endlocal
goto :eof

:outer
call :grant %1
goto :eof

:each
REM want "PL1001: .*CONTOSO\\svc-a" related "via call of :each"@14
REM want "PL1001: .*CONTOSO\\svc-b" related "via call of :each"@14
for %%u in (%*) do ntrights +r SeImpersonatePrivilege -u %%u
goto :eof

:pick
set PICKED=%~1
goto :eof

:nested
REM want "PL1001: .*CONTOSO\\svc-cmd" related "via call of :nested"@22
cmd /c "ntrights +r SeImpersonatePrivilege -u %~1"
REM want "PL1002: .*CONTOSO\\svc-cmd" related "via call of :nested"@22
powershell -Command "ntrights +r SeAssignPrimaryTokenPrivilege -u '%~1'"
goto :eof

:all
if "%~1"=="" goto :eof
REM want "PL1001: .*CONTOSO\\svc-1" related "via call of :all"@24 "PL1001: .*CONTOSO\\svc-3" related "via call of :all"@24
ntrights +r SeImpersonatePrivilege -u %1
shift
goto all

REM The negative twin: no CALL or GOTO names this label, so cmd.exe never reads it.
:unused
ntrights +r SeImpersonatePrivilege -u Everyone
