#!/bin/sh
# PowerShell text handed to pwsh from a shell script is analyzed as PowerShell.
# want "PL1001: .*CONTOSO\\svc-sh-pwsh"
pwsh -NoProfile -Command "Grant-CPrivilege -Identity 'CONTOSO\svc-sh-pwsh' -Privilege SeImpersonatePrivilege"
# want "PL1001: .*CONTOSO\\svc-sh-enc"@26
wine powershell.exe -enc RwByAGEAbgB0AC0AQwBQAHIAaQB2AGkAbABlAGcAZQAgAC0ASQBkAGUAbgB0AGkAdAB5ACAAJwBDAE8ATgBUAE8AUwBPAFwAcwB2AGMALQBzAGgALQBlAG4AYwAnACAALQBQAHIAaQB2AGkAbABlAGcAZQAgAFMAZQBJAG0AcABlAHIAcwBvAG4AYQB0AGUAUAByAGkAdgBpAGwAZQBnAGUA
# Through ssh, then pwsh on the remote host.
# want "PL1001: .*CONTOSO\\svc-sh-ssh"
ssh web01 "pwsh -c \"Grant-CPrivilege -Identity 'CONTOSO\\svc-sh-ssh' -Privilege SeImpersonatePrivilege\""
# A heredoc read by pwsh -Command -.
pwsh -NoProfile -Command - <<'PS'
# want "PL1001: .*CONTOSO\\svc-sh-stdin"
Grant-CPrivilege -Identity 'CONTOSO\svc-sh-stdin' -Privilege SeImpersonatePrivilege
PS
