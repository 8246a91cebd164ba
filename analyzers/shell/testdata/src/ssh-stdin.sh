#!/bin/sh
# A heredoc fed to ssh with a remote command is read by that command: here PowerShell.
ssh admin@web01 powershell -Command - <<'EOF2'
# want "PL1001: .*svc-ssh"
Grant-CPrivilege -Identity CONTOSO\svc-ssh -Privilege SeImpersonatePrivilege
EOF2
# The same text fed to a remote cat is data.
ssh admin@web01 cat - <<'EOF2'
Grant-CPrivilege -Identity Everyone -Privilege SeImpersonatePrivilege
EOF2
# A remote shell reading its commands from the heredoc.
ssh admin@web01 'bash -s' <<'EOF2'
# want "PL1002: .*svc-bash"
ntrights -u 'CONTOSO\svc-bash' +r SeAssignPrimaryTokenPrivilege
EOF2
