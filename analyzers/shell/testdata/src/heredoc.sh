#!/bin/sh
# A security template written from a heredoc is analyzed where it is written.
cat > /tmp/grant.inf <<'INF'
[Unicode]
Unicode=yes
[Privilege Rights]
; want "PL1001: .*CONTOSO\\svc-web"@69
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\svc-web
; want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY\\NETWORK SERVICE"
SeAssignPrimaryTokenPrivilege = *S-1-5-19
INF
secedit /configure /db x.sdb /cfg /tmp/grant.inf
# With an unquoted delimiter variables expand; one privlint cannot resolve stays unresolved.
SVC='CONTOSO\svc-var'
cat > /tmp/b.inf <<EOF
[Privilege Rights]
; want "PL1001: .*CONTOSO\\svc-var"@69 "PL1005: .*\$EXTRA"@74
SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,$SVC,$EXTRA
EOF
# An account known in part is judged by its written part; one known only at run time says where
# its value comes from.
ACCT=$1
cat > /tmp/d.inf <<EOF
[Privilege Rights]
; want "PL1001: .*\$\(hostname\)\\svc-host, outside the safe set" "PL1005: .*\$ACCT \(set from \$1, the script's first argument\)"
SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-6,$(hostname)\svc-host,$ACCT
EOF
# <<- strips leading tabs.
	cat <<-'INF' > /tmp/c.inf
	[Privilege Rights]
	; want "PL1003: .*Everyone"
	SeImpersonatePrivilege = *S-1-1-0,*S-1-5-19,*S-1-5-20,*S-1-5-6,*S-1-5-32-544
	INF
# A heredoc fed to an interpreter is analyzed in its language.
ssh -i ~/.ssh/id admin@web01 <<'REMOTE'
# want "PL1001: .*CONTOSO\\svc-ssh-hd"
editrights -a SeImpersonatePrivilege -u 'CONTOSO\svc-ssh-hd'
REMOTE
wine cmd <<'BAT'
REM want "PL1001: .*CONTOSO\\svc-cmd-hd"
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-cmd-hd
BAT
bash -s -- web01 <<'SH'
# want "PL1005: .*\$1"
editrights -a SeImpersonatePrivilege -u "$1"
SH
# Any other heredoc is only text.
cat > notes.txt <<'TXT'
ntrights +r SeImpersonatePrivilege -u Everyone
TXT
