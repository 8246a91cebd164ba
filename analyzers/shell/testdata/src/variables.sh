#!/bin/bash
# Variables assigned literals resolve; the finding lands on the reference.
SVC='CONTOSO\svc-web'
# want "PL1001: .*CONTOSO\\svc-web"@40
ntrights +r SeImpersonatePrivilege -u "$SVC"
RIGHT=SeAssignPrimaryTokenPrivilege
DOMAIN=CONTOSO
# want "PL1002: .*CONTOSO\\svc-sql"
editrights -a "${RIGHT}" -u "${DOMAIN}\\svc-sql"
export SAFE="NT AUTHORITY\\NETWORK SERVICE"
ntrights +r SeImpersonatePrivilege -u "$SAFE"
# Unquoted, a value with a blank splits into several arguments, as the shell does it.
# want "PL1001: .*given to NT,"
# problem "unexpected ntrights argument \"AUTHORITY\\\\NETWORK\""
# problem "unexpected ntrights argument \"SERVICE\""
ntrights +r SeImpersonatePrivilege -u $SAFE
# Parameters, the environment, command output and user input are known only at run time.
# want "PL1005: SeImpersonatePrivilege is given to \$1, which privlint cannot resolve"
ntrights +r SeImpersonatePrivilege -u "$1"
# want "PL1005: .*\$SVC_ACCOUNT"
wine ntrights.exe +r SeImpersonatePrivilege -u "$SVC_ACCOUNT"
# want "PL1005: .*\$\(whoami\)"
editrights -a SeImpersonatePrivilege -u "$(whoami)"
# want "PL1001: .*given to CONTOSO\\\$\{USER\}"
editrights -a SeImpersonatePrivilege -u "${DOMAIN}\\${USER}"
read -r PICKED
# want "PL1005: .*PICKED"
editrights -a SeImpersonatePrivilege -u "$PICKED"
# A default applies only when the variable is unknown: then the value is unknown too.
# want "PL1001: .*CONTOSO\\svc-web"
ntrights +r SeImpersonatePrivilege -u "${SVC:-CONTOSO\\fallback}"
# want "PL1005: .*OTHER:-"
ntrights +r SeImpersonatePrivilege -u "${OTHER:-CONTOSO\\fallback}"
# += appends to what is known.
ACCT='CONTOSO\'
ACCT+=svc-appended
# want "PL1001: .*CONTOSO\\svc-appended"
editrights -a SeImpersonatePrivilege -u "$ACCT"
unset ACCT
# want "PL1005: .*ACCT"
editrights -a SeImpersonatePrivilege -u "$ACCT"
# $'...' strings read their escapes.
# want "PL1001: .*CONTOSO\\svc-ansi"
editrights -a SeImpersonatePrivilege -u $'CONTOSO\\svc-ansi'
# problem "editrights right \$WHICH is known only at run time"
editrights -a "$WHICH" -u 'CONTOSO\svc-web'
# A domain known only at run time: the written name decides, whatever the domain is.
# want "PL1001: .*\$\(hostname\)\\sh-svc, outside the safe set"
editrights -a SeImpersonatePrivilege -u "$(hostname)\sh-svc"
# want "PL1001: .*CONTOSO\\\$SVCNAME"
editrights -a SeImpersonatePrivilege -u "CONTOSO\\$SVCNAME"
# An unresolved account says what its variable was set from.
SVC_USER=$1
# want "PL1005: .*given to \$SVC_USER \(set from \$1, the script's first argument\), which privlint cannot resolve"
editrights -a SeImpersonatePrivilege -u "$SVC_USER"
# A subshell sees the variables around it; what it assigns is gone after it: parentheses,
# command substitutions and the commands of a pipeline alike.
SUB='CONTOSO\svc-outer'
(
  SUB='NT AUTHORITY\NETWORK SERVICE'
  INNER='CONTOSO\svc-inner'
  # want "PL1001: .*CONTOSO\\svc-inner"
  editrights -a SeImpersonatePrivilege -u "$INNER"
  editrights -a SeImpersonatePrivilege -u "$SUB"
)
NOTE=$(SUB='NT AUTHORITY\LOCAL SERVICE'; echo "$SUB")
printf '%s\n' x | while read -r SUB; do :; done
# want "PL1001: .*CONTOSO\\svc-outer"
editrights -a SeImpersonatePrivilege -u "$SUB"
# want "PL1005: .*\$INNER"
editrights -a SeImpersonatePrivilege -u "$INNER"
