# problem "unterminated here-string: end it with a line that starts with \"@"
$t = @"
[Privilege Rights]
SeImpersonatePrivilege = Everyone
  "@ is not a terminator: it does not start its line
