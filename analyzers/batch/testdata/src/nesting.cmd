@echo off
REM Command strings handed to another interpreter are analyzed in its language; findings land on
REM the outer file's line and column.
REM want "PL1001: .*CONTOSO\\svc-c1"@47
cmd /c "ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-c1"
REM want "PL1001: .*CONTOSO\\svc-k"
cmd.exe /k ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-k
REM Inside the quotes the & belongs to the inner command line: both sides run.
REM want "PL1001: .*CONTOSO\\svc-c2" "PL1001: .*CONTOSO\\svc-c3"
cmd /c "ntrights +r SeImpersonatePrivilege -u "CONTOSO\svc-c2" & ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-c3"
REM want "PL1001: .*CONTOSO\\svc-slash"
cmd/c ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-slash
REM /S strips the outer quotes, so the program path keeps its own.
REM want "PL1001: .*CONTOSO\\svc-s"
cmd /s /c ""C:\Program Files\RK\ntrights.exe" +r SeImpersonatePrivilege -u CONTOSO\svc-s"
REM The outer file expands its variables first; the inner command line expands what is left.
set U=CONTOSO\svc-var
REM want "PL1001: .*CONTOSO\\svc-var"
cmd /c "ntrights +r SeImpersonatePrivilege -u %U%"
REM want "PL1005: .*%LATER%"
cmd /c "ntrights +r SeImpersonatePrivilege -u %%LATER%%"
REM want "PL1005: .*%SVC%"
cmd /c ntrights +r SeImpersonatePrivilege -u %SVC%
REM A FOR inside cmd /c uses %i: the batch file writes %%i.
REM want "PL1001: .*CONTOSO\\a" "PL1001: .*CONTOSO\\b"
cmd /c "for %%i in (a b) do ntrights +r SeImpersonatePrivilege -u CONTOSO\%%i"
REM Remote and elevated runners start the program they are given.
REM want "PL1001: .*CONTOSO\\svc-px"
psexec \\web01,web02 -u CONTOSO\admin -p secret -s -i ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-px
REM want "PL1001: .*CONTOSO\\svc-pxc"
psexec64.exe \\web01 -accepteula -nobanner cmd /c "ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-pxc"
REM want "PL1001: .*CONTOSO\\svc-runas"
runas /noprofile /user:CONTOSO\admin "ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-runas"
REM want "PL1001: .*CONTOSO\\svc-winrs"
winrs -r:web01 -u:CONTOSO\admin ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-winrs
REM ssh and bash -c hand the string to a POSIX shell.
REM want "PL1001: .*CONTOSO\\svc-ssh"
ssh -p 2222 admin@web01 "ntrights +r SeImpersonatePrivilege -u 'CONTOSO\svc-ssh'"
REM want "PL1001: .*CONTOSO\\svc-bash"
C:\msys64\usr\bin\bash.exe -lc "editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-bash'"
REM Printed commands are not run, however deep.
echo cmd /c ntrights +r SeImpersonatePrivilege -u Everyone
cmd /c "echo ntrights +r SeImpersonatePrivilege -u Everyone"
REM Nesting is followed eight levels deep.
REM want "PL1001: .*CONTOSO\\svc-deep8"
cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-deep8
REM problem "nested more than 8 levels deep"
cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c cmd /c ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-deep9
REM A malformed -EncodedCommand payload is a problem, not a silent skip.
REM problem "-EncodedCommand payload cannot be decoded \(not base64"
powershell -NoProfile -EncodedCommand bm90IGJhc2U2NA!
REM problem "-EncodedCommand payload cannot be decoded \(not UTF-16LE: 3 bytes"
powershell -enc ZGly
