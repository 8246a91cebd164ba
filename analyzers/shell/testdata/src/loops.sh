#!/bin/bash
# A for loop over literal words runs its body once per word; the finding lands on the word.
# want "PL1001: .*CONTOSO\\svc-a"@11 "PL1003: .*Everyone"@26 "PL1001: .*CONTOSO\\svc b"@36
for u in 'CONTOSO\svc-a' Everyone "CONTOSO\\svc b" NetworkService; do
  ntrights +r SeImpersonatePrivilege -u "$u"
done
# A list continued with backslashes.
# want "PL1001: .*CONTOSO\\svc-c1"
for acct in 'CONTOSO\svc-c1' \
    'NT AUTHORITY\LOCAL SERVICE' \
    'CONTOSO\svc-c2'; do # want "PL1001: .*CONTOSO\\svc-c2"
  editrights -a SeImpersonatePrivilege -u "$acct"
done
# A list from a variable splits at blanks.
RIGHTS="SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege"
for r in $RIGHTS; do
  # want "PL1001: .*CONTOSO\\svc-both" "PL1002: .*CONTOSO\\svc-both"
  editrights -a "$r" -u 'CONTOSO\svc-both'
done
# Loops nest.
# want "PL1001: .*ALPHA\\web"@10 "PL1001: .*ALPHA\\sql"@10 "PL1001: .*BETA\\web"@16 "PL1001: .*BETA\\sql"@16
for d in ALPHA BETA; do
  for s in web sql; do
    editrights -a SeImpersonatePrivilege -u "$d\\$s"
  done
done
# Lists from command output, files or the parameters are known only at run time.
# want "PL1005: .*cat accounts.txt"
for u in $(cat accounts.txt); do
  editrights -a SeImpersonatePrivilege -u "$u"
done
# want "PL1005: .*\*\.acct"
for u in *.acct; do
  editrights -a SeImpersonatePrivilege -u "$u"
done
# want "PL1005: .*\$@"
for u; do
  editrights -a SeImpersonatePrivilege -u "$u"
done
# if, case and while bodies are analyzed.
if [ -n "$ROLE" ]; then
  # want "PL1001: .*CONTOSO\\svc-if"
  editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-if'
else
  # want "PL1001: .*CONTOSO\\svc-else"
  editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-else'
fi
case "$ROLE" in
  web) editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-case' ;; # want "PL1001: .*CONTOSO\\svc-case"
esac
while read -r line; do
  # want "PL1005: .*\$line"
  editrights -a SeImpersonatePrivilege -u "$line"
done < accounts.txt
