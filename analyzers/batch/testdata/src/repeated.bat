@echo off
REM A loop whose body does not use its variable grants the same right to the same account on every
REM iteration: one finding, not one per iteration.
REM want "PL1001: .*CONTOSO\\svc-rep"
for %%a in (1 2 3) do ntrights -u CONTOSO\svc-rep +r SeImpersonatePrivilege
REM Nested loops repeat it nine times: still one finding.
REM want "PL1002: .*CONTOSO\\svc-nest"
for %%a in (1 2 3) do for %%b in (x y z) do ntrights +r SeAssignPrimaryTokenPrivilege -u CONTOSO\svc-nest
REM A body that uses the variable grants different accounts: one finding each.
REM want "PL1001: .*CONTOSO\\a" "PL1001: .*CONTOSO\\b"
for %%u in (a b) do ntrights +r SeImpersonatePrivilege -u CONTOSO\%%u
