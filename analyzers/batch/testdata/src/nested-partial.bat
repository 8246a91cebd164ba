REM A literal account in PowerShell text handed over by cmd, with a variable cmd did not resolve:
REM the written domain decides.
REM want "PL1001: .*CONTOSO\\%U%"
powershell -Command "Grant-CPrivilege -Identity 'CONTOSO\%U%' -Privilege SeImpersonatePrivilege"
REM want "PL1005: .*NT AUTHORITY\\%U%"
powershell -Command "Grant-CPrivilege -Identity 'NT AUTHORITY\%U%' -Privilege SeImpersonatePrivilege"
