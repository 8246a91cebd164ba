@echo off
REM CRLF line endings, as batch files saved on Windows have them.
REM A caret at the end of a line joins the next line; the finding is on the line of the account.
ntrights +r SeImpersonatePrivilege ^
  -u CONTOSO\svc-cont & REM want "PL1001: .*CONTOSO\\svc-cont"@6
ntrights ^
+r ^
SeAssignPrimaryTokenPrivilege -u CONTOSO\svc-one & REM want "PL1002: .*CONTOSO\\svc-one"
REM A caret escapes the first character of the next line, so this & is an argument.
echo ntrights +r SeImpersonatePrivilege ^
& ntrights +r SeImpersonatePrivilege -u Everyone
REM Quotes protect operators; a caret inside quotes is literal.
REM want "PL1001: .*CONTOSO\\a&b"
ntrights +r SeImpersonatePrivilege -u "CONTOSO\a&b"
REM want "PL1001: .*CONTOSO\\x\^y"
ntrights +r SeImpersonatePrivilege -u "CONTOSO\x^y"
REM want "PL1001: .*CONTOSO\\p&q"
ntrights +r SeImpersonatePrivilege -u CONTOSO\p^&q
set "U=CONTOSO\svc-crlf"
REM want "PL1001: .*CONTOSO\\svc-crlf"
ntrights +r SeImpersonatePrivilege -u %U%
for %%a in (one two) do (
  REM want "PL1001: .*CONTOSO\\svc-one" "PL1001: .*CONTOSO\\svc-two"
  ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-%%a
)
