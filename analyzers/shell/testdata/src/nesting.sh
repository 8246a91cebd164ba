#!/bin/sh
# Command strings handed to another interpreter or host are analyzed in its language; findings
# land on the outer file's line.
# ssh hands its command to the remote shell.
# want "PL1001: .*CONTOSO\\svc-ssh"@82
ssh -o BatchMode=yes -p 22 admin@web01 "editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-ssh'"
# want "PL1001: .*CONTOSO\\svc-ssh2"
ssh -t web01 ntrights +r SeImpersonatePrivilege -u "'CONTOSO\svc-ssh2'"
# sh -c and bash -c strings are shell text.
# want "PL1001: .*CONTOSO\\svc-bash"
bash -ec 'for u in svc-bash; do editrights -a SeImpersonatePrivilege -u "CONTOSO\\$u"; done'
# cmd /c strings are Windows command lines: backslashes are literal there.
# want "PL1001: .*CONTOSO\\svc-cmd"@52
wine cmd /c 'ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-cmd'
# want "PL1001: .*CONTOSO\\svc-cmd2" "PL1001: .*CONTOSO\\svc-cmd3"
wine cmd.exe /c 'ntrights +r SeImpersonatePrivilege -u "CONTOSO\svc-cmd2" & ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-cmd3'
# A WinRM client runs its last argument with cmd.exe on the remote host.
# want "PL1001: .*CONTOSO\\svc-winrm"
winrm -hostname web01 -username admin -password "$PW" 'ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-winrm'
# Windows' own winrm verbs run nothing.
winrm set winrm/config/service '@{AllowUnencrypted="true"}'
# psexec starts its program on the remote host.
# want "PL1001: .*CONTOSO\\svc-psexec"
wine psexec.exe '\\web01' -u admin -p "$PW" cmd /c 'ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-psexec'
# Variables of the outer script are expanded before the string is handed on; unknown ones stay unknown.
SVC='CONTOSO\svc-outer'
# want "PL1001: .*CONTOSO\\svc-outer"
ssh web01 "editrights -a SeImpersonatePrivilege -u '$SVC'"
# want "PL1005: .*\$REMOTE_USER"
ssh web01 "editrights -a SeImpersonatePrivilege -u \"\$REMOTE_USER\""
# want "PL1005: .*\$ACCOUNT"
wine cmd /c "ntrights +r SeImpersonatePrivilege -u $ACCOUNT"
# Printed strings are not run.
echo "ssh web01 'editrights -a SeImpersonatePrivilege -u Everyone'"
ssh web01 'echo editrights -a SeImpersonatePrivilege -u Everyone'
# problem "-EncodedCommand payload cannot be decoded"
pwsh -NoProfile -EncodedCommand '%%%%'
