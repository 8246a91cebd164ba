# Unbalanced brackets and unterminated strings are problems.
local_security_policy { 'Impersonate a client after authentication': # problem "`\{` is never closed with `\}`"
  policy_value => 'Administrators,LOCAL SERVICE,NETWORK SERVICE,SERVICE,CONTOSO\svc-open', # want "PL1001: .*svc-open"
