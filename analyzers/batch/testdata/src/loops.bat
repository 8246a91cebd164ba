@echo off
REM A FOR over a literal set runs its body once per element; each finding lands on its element.
REM want "PL1001: .*CONTOSO\\svc-a"@13 "PL1003: .*Everyone"@28 "PL1001: .*CONTOSO\\svc b"@38
for %%u in (CONTOSO\svc-a, Everyone "CONTOSO\svc b" NetworkService) do ntrights +r SeImpersonatePrivilege -u %%u
REM %%~u removes the quotes of an element.
REM want "PL1001: .*CONTOSO\\svc c"
for %%u in ("CONTOSO\svc c") do ntrights +r SeImpersonatePrivilege -u "%%~u"
REM A body over several lines, and a set over several lines.
for %%R in (SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege) do (
  REM want "PL1001: .*CONTOSO\\svc-multi" "PL1002: .*CONTOSO\\svc-multi"
  ntrights +r %%R -u CONTOSO\svc-multi
  echo granted %%R
)
REM want "PL1001: .*CONTOSO\\svc-l1"
for %%u in (CONTOSO\svc-l1
  CONTOSO\svc-l2) do ntrights +r SeImpersonatePrivilege -u %%u & REM want "PL1001: .*CONTOSO\\svc-l2"
REM Loops nest.
REM want "PL1001: .*ALPHA\\web" "PL1001: .*ALPHA\\sql" "PL1001: .*BETA\\web" "PL1001: .*BETA\\sql"
for %%d in (ALPHA BETA) do for %%s in (web sql) do ntrights +r SeImpersonatePrivilege -u %%d\%%s
REM Sets read from files, commands, numbers or wildcards are known only at run time.
REM want "PL1005: .*%u"
for /f "tokens=1 delims=," %%u in (accounts.csv) do ntrights +r SeImpersonatePrivilege -u %%u
REM want "PL1005: .*%~nu"
for %%u in (*.acct) do ntrights +r SeImpersonatePrivilege -u %%~nu
REM IF runs its command, and both branches of an ELSE are analyzed.
REM want "PL1001: .*CONTOSO\\svc-if"
if not exist C:\done.txt ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-if
if /i "%ROLE%"=="web" (
  REM want "PL1001: .*CONTOSO\\svc-then"
  ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-then
) else (
  REM want "PL1001: .*CONTOSO\\svc-else"
  ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-else
)
REM CALL and START run their command.
REM want "PL1001: .*CONTOSO\\svc-call"
call ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-call
call :grant CONTOSO\svc-sub
REM want "PL1001: .*CONTOSO\\svc-start"
start "grant" /wait /b ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-start
goto :eof
:grant
REM CALL :grant runs the label with %1 bound to its argument (calls.bat has the forms).
REM want "PL1001: .*CONTOSO\\svc-sub" related "via call of :grant"@38
ntrights +r SeImpersonatePrivilege -u %1
