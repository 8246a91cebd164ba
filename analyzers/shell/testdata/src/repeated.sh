# A loop whose body does not use its variable: one finding, not one per iteration.
for i in 1 2 3; do ntrights -u 'CONTOSO\svc-rep' +r SeImpersonatePrivilege; done # want "PL1001: .*CONTOSO.svc-rep"

# A template written in a loop is the same line each time: no duplicate assignment (PL2004), and its
# account is reported once.
for i in 1 2 3; do
cat > /tmp/sec.inf <<EOF2
[Privilege Rights]
; want "PL1001: .*CONTOSO.svc-tpl"
SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\svc-tpl
EOF2
done

# Two lines of one template in a loop are still a duplicate, reported once.
for i in 1 2; do
cat > /tmp/dup.inf <<EOF2
[Privilege Rights]
SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20
; want "PL2004: .*first on line 18"
SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20
EOF2
done
