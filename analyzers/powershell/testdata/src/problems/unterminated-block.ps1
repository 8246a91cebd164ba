# problem "unterminated block: close it with }"
foreach ($u in 'CONTOSO\block-a') {
    Grant-CPrivilege -Identity $u -Privilege SeImpersonatePrivilege # want "PL1001: .*block-a"
