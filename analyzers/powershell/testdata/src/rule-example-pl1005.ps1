Grant-CPrivilege -Identity $env:SVC_ACCOUNT -Privilege SeImpersonatePrivilege # want "^PL1005: SeImpersonatePrivilege is given to \$env:SVC_ACCOUNT, which privlint cannot resolve"
