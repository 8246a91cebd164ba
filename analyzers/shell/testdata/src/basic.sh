#!/bin/sh
# ntrights through wine or directly, and Cygwin/MSYS2 editrights. Comments and echo never count:
# ntrights +r SeImpersonatePrivilege -u Everyone
# want "PL1001: SeImpersonatePrivilege is given to CONTOSO\\svc-web, outside the safe set"@40
ntrights +r SeImpersonatePrivilege -u 'CONTOSO\svc-web'
# want "PL1003: .*Everyone"
wine ntrights.exe +r SeImpersonatePrivilege -u Everyone
# want "PL1001: .*CONTOSO\\svc-dq"
wine64 "C:\\Tools\\ntrights.exe" -u "CONTOSO\\svc-dq" +r SeImpersonatePrivilege
# An unquoted backslash escapes the next character, as the shell reads it.
# want "PL1001: .*CONTOSO\\svc-bs"
ntrights +r SeImpersonatePrivilege -u CONTOSO\\svc-bs
# editrights -a adds a right, -r removes it.
# want "PL1002: SeAssignPrimaryTokenPrivilege is given to CONTOSO\\svc-cyg"
editrights -a SeAssignPrimaryTokenPrivilege -u 'CONTOSO\svc-cyg'
# want "PL1001: .*CONTOSO\\svc-long" "PL1002: .*CONTOSO\\svc-long"
/usr/bin/editrights --user='CONTOSO\svc-long' --add=SeImpersonatePrivilege --add SeAssignPrimaryTokenPrivilege
editrights -r SeImpersonatePrivilege -u Everyone
editrights -l -u Everyone
ntrights -r SeAssignPrimaryTokenPrivilege -u Everyone
# The safe set: nothing to report.
editrights -a SeImpersonatePrivilege -u 'NT AUTHORITY\SERVICE'
# Wrappers run the command after them.
# want "PL1001: .*CONTOSO\\svc-sudo"
sudo -u admin env WINEPREFIX=/opt/wine wine ntrights.exe +r SeImpersonatePrivilege -u 'CONTOSO\svc-sudo'
# Printed, never run.
echo ntrights +r SeImpersonatePrivilege -u Everyone
printf '%s\n' "editrights -a SeImpersonatePrivilege -u Everyone"
# Pipelines, lists, subshells, functions and command substitutions all run.
# want "PL1001: .*CONTOSO\\svc-p1" "PL1001: .*CONTOSO\\svc-p2"
true && ntrights +r SeImpersonatePrivilege -u 'CONTOSO\svc-p1' || (editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-p2' | tee log)
grant() {
  # want "PL1005: .*\$1"
  editrights -a SeImpersonatePrivilege -u "$1"
}
# want "PL1001: .*CONTOSO\\svc-subst"
out=$(ntrights +r SeImpersonatePrivilege -u 'CONTOSO\svc-subst')
# problem "editrights option -u has no value"
editrights -a SeImpersonatePrivilege -u
# A directory known only at run time still names the program.
# want "PL1001: .*CONTOSO\\svc-dir"
"$CYGWIN_BIN/editrights" -a SeImpersonatePrivilege -u 'CONTOSO\svc-dir'
"$TOOL" -a SeImpersonatePrivilege -u 'CONTOSO\svc-unknown'
