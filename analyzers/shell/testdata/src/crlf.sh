#!/bin/bash
# CRLF line endings: the carriage returns are not part of the words.
SVC='CONTOSO\svc-crlf'
# want "PL1001: .*CONTOSO\\svc-crlf,"
editrights -a SeImpersonatePrivilege -u "$SVC"
# want "PL1001: .*CONTOSO\\svc-plain,"
editrights -a SeImpersonatePrivilege -u CONTOSO\\svc-plain
for u in one \
  two; do
  # want "PL1001: .*CONTOSO\\one," "PL1001: .*CONTOSO\\two,"
  editrights -a SeImpersonatePrivilege -u "CONTOSO\\$u"
done
cat > /tmp/crlf.inf <<'INF'
[Privilege Rights]
; want "PL1003: .*Everyone"
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,Everyone
INF
