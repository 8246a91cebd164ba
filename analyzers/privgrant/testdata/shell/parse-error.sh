#!/bin/bash
# A script that does not parse is a problem on the line of the error; what comes before it is
# still analyzed.
# want "PL1001: .*CONTOSO\\svc-before"
editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-before'
# problem "shell script does not parse: reached EOF without closing quote"
echo "unterminated
editrights -a SeImpersonatePrivilege -u Everyone
