#!/bin/bash
# A script that does not parse is a problem on the line of the error; what comes before it is
# still analyzed, and the script is read again from the line after each error.
# want "PL1001: .*CONTOSO\\svc-before"
editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-before'
# problem "shell script does not parse: .*; analysis resumes on the next line"
fi
# want "PL1003: .*Everyone"
editrights -a SeImpersonatePrivilege -u Everyone
# problem "shell script does not parse: .*; analysis resumes on the next line"
echo $((1 +))
# want "PL1001: .*CONTOSO\\svc-after"
editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-after'
# problem "shell script does not parse: reached EOF without closing quote"
echo "unterminated
