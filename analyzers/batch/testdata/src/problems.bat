@echo off
REM What privlint cannot read is reported with its line, and the rest of the file is still analyzed.
REM problem "ntrights option -u has no value"
ntrights +r SeImpersonatePrivilege -u
REM problem "unknown ntrights option \"-x\""
ntrights +r SeImpersonatePrivilege -x -u "NT AUTHORITY\NETWORK SERVICE"
REM problem "FOR command not understood"
for %%u on (a b) do ntrights +r SeImpersonatePrivilege -u %%u
REM problem "editrights changes SeImpersonatePrivilege but names no -u user"
editrights -a SeImpersonatePrivilege
REM want "PL1001: .*CONTOSO\\svc-after"
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-after
REM problem "this parenthesis is never closed"
if exist x (
  REM want "PL1001: .*CONTOSO\\svc-unclosed"
  ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-unclosed
