# local_security_policy: the title is the policy's display name, policy_value the accounts (names
# or *SIDs), which replace the right's list.

# The documented safe set raises nothing.
local_security_policy { 'Impersonate a client after authentication':
  ensure         => present,
  policy_setting => 'SeImpersonatePrivilege',
  policy_type    => 'Privilege Rights',
  policy_value   => '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6',
}

# An account outside the safe set, by name after a blank.
local_security_policy { 'Replace a process level token':
  ensure       => 'present',
  policy_value => 'NT AUTHORITY\LOCAL SERVICE, NT AUTHORITY\NETWORK SERVICE, CONTOSO\svc-puppet', # want "PL1002: SeAssignPrimaryTokenPrivilege is given to CONTOSO.svc-puppet, outside the safe set"
}
