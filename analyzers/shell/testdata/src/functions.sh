#!/bin/bash
# A function called by name runs its body with $1-$9, "$@", $* and $# bound to the call's
# arguments. A grant in the body is reported there, with the account the call passes and the call
# as its related location; a function that is called is reported through its calls only.
grant() {
  # A literal account in the body is reported once per call, with no related location.
  # want "PL1001: .*CONTOSO\\svc-literal" related none
  ntrights +r SeImpersonatePrivilege -u 'CONTOSO\svc-literal'
  # want "PL1001: .*CONTOSO\\svc-called" related "via call of grant"@18
  # want "PL1005: .*\$1 \(set from \$SVC_ACCOUNT\)" related "via call of grant"@22
  # want "PL1001: .*CONTOSO\\svc-nested" related "via call of outer"@25 related "via call of grant"@16
  # want "PL1005: .*\$1 \(set from \$2, the script's second argument\)" related "via call of grant"@42
  ntrights +r SeImpersonatePrivilege -u "$1"
}
function outer {
  grant "$1"
}
grant 'CONTOSO\svc-called'
# The negative twin: a call passing an account of the safe set.
grant 'NT AUTHORITY\NETWORK SERVICE'
# An argument known only at run time is unresolved, with the call.
grant "$SVC_ACCOUNT"
# Calls of calls: the related locations are the calls, outermost first. A function is called
# once it is defined, as the shell requires.
outer 'CONTOSO\svc-nested'
# Through a local variable, and through "$@".
each() {
  local acct="$1"
  # want "PL1002: .*CONTOSO\\svc-local" related "via call of each"@37
  editrights -a SeAssignPrimaryTokenPrivilege -u "$acct"
  # A loop variable's account lands on the word of the list.
  # want "PL1001: .*CONTOSO\\svc-local" related "via call of each"@37 "PL1001: .*CONTOSO\\svc two" related "via call of each"@37
  for u in "$@"; do
    ntrights +r SeImpersonatePrivilege -u "$u"
  done
}
each 'CONTOSO\svc-local' 'CONTOSO\svc two'
# A local variable is gone when the function returns.
acct='NT AUTHORITY\LOCAL SERVICE'
ntrights +r SeImpersonatePrivilege -u "$acct"
# The script's own argument passed on: the account is the script's second argument.
grant "$2"
# Command strings and heredocs fed to an interpreter in the body carry the call too.
nested() {
  # want "PL1001: .*CONTOSO\\svc-cmd" related "via call of nested"@52
  bash -c "ntrights +r SeImpersonatePrivilege -u '$1'"
  ssh host <<EOF
# want "PL1002: .*CONTOSO\\svc-cmd" related "via call of nested"@52
ntrights +r SeAssignPrimaryTokenPrivilege -u "$1"
EOF
}
nested 'CONTOSO\svc-cmd'
# The negative twin: a function defined but not called, with a safe literal inside.
unused() {
  ntrights +r SeImpersonatePrivilege -u 'NT AUTHORITY\SERVICE'
}
