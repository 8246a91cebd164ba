@echo off
REM PowerShell text handed to powershell.exe or pwsh is analyzed as PowerShell, with findings on
REM this file's lines.
REM want "PL1001: .*CONTOSO\\svc-ps1"@85
powershell -NoProfile -ExecutionPolicy Bypass -Command "Grant-CPrivilege -Identity 'CONTOSO\svc-ps1' -Privilege SeImpersonatePrivilege"
REM want "PL1001: .*CONTOSO\\svc-pwsh"
pwsh.exe -nop -c "& { Grant-CPrivilege -Identity 'CONTOSO\svc-pwsh' -Privilege SeImpersonatePrivilege }"
REM The program's own splitting rules: \" is a literal quote.
REM want "PL1001: .*CONTOSO\\svc-esc"
powershell -c "Grant-CPrivilege -Identity \"CONTOSO\svc-esc\" -Privilege SeImpersonatePrivilege"
REM powershell.exe reads a bare argument as -Command; pwsh reads it as a script file.
REM want "PL1001: .*CONTOSO\\svc-bare"
powershell "Grant-CPrivilege -Identity 'CONTOSO\svc-bare' -Privilege SeImpersonatePrivilege"
pwsh grant.ps1
REM -EncodedCommand is base64 of UTF-16LE text; every finding lands on the payload.
REM want "PL1001: .*CONTOSO\\svc-enc"@39
powershell -NoProfile -EncodedCommand RwByAGEAbgB0AC0AQwBQAHIAaQB2AGkAbABlAGcAZQAgAC0ASQBkAGUAbgB0AGkAdAB5ACAAJwBDAE8ATgBUAE8AUwBPAFwAcwB2AGMALQBlAG4AYwAnACAALQBQAHIAaQB2AGkAbABlAGcAZQAgAFMAZQBJAG0AcABlAHIAcwBvAG4AYQB0AGUAUAByAGkAdgBpAGwAZQBnAGUA
REM Nesting goes both ways: cmd /c powershell -Command "cmd /c ...".
REM want "PL1001: .*CONTOSO\\svc-round"
cmd /c powershell -Command "cmd /c ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-round"
REM A variable the batch file cannot resolve stays unresolved inside PowerShell.
REM want "PL1005: .*%SVC%"
powershell -Command "Grant-CPrivilege -Identity '%SVC%' -Privilege SeImpersonatePrivilege"
REM -Command - reads standard input: nothing to analyze here.
powershell -Command -
