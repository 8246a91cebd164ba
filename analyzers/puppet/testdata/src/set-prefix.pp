# `set:` says explicitly that the value replaces the list; a list that drops an account Windows
# services need is reported.
local_security_policy { 'Replace a process level token': # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
  ensure       => present,
  policy_value => 'set: *S-1-5-19',
}

local_security_policy { 'Impersonate a client after authentication':
  ensure       => present,
  policy_value => "set:*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,*S-1-5-32-545", # want "PL1003: .*S-1-5-32-545.*broad group"
}
