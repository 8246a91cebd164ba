# `merge:` adds each account and removes each one written -account; ensure => absent removes the
# right from everyone. Neither removal is a grant.
local_security_policy { 'Impersonate a client after authentication':
  ensure       => present,
  policy_value => 'merge: +IIS_IUSRS, -Everyone, CONTOSO\svc-merged', # want "PL1004: .*IIS_IUSRS.*iis exception" "PL1001: .*svc-merged"
}

local_security_policy { 'Replace a process level token':
  ensure => absent,
}
