Grant-CPrivilege -Identity 'CONTOSO\comment-before' -Privilege SeImpersonatePrivilege # want "PL1001: .*comment-before"
# problem "unterminated block comment: close it with #>"
<# a comment that never ends
Grant-CPrivilege -Identity 'CONTOSO\comment-after' -Privilege SeImpersonatePrivilege
