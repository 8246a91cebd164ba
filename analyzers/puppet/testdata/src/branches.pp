# Resources in different branches of one conditional never both apply: only one local_security_policy
# of a right takes effect, so they are not duplicates. Two in one branch, or one outside and one
# inside, are.
if $facts['os']['release']['major'] == '2019' {
  local_security_policy { 'Impersonate a client after authentication':
    policy_value => '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6',
  }
} elsif $facts['os']['release']['major'] == '2016' {
  local_security_policy { 'Impersonate a client after authentication':
    policy_value => '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6',
  }
} else {
  local_security_policy { 'Impersonate a client after authentication':
    policy_value => '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6',
  }
}

unless $facts['kernel'] == 'windows' {
  notify { 'not windows': }
} else {
  case $role {
    'web': {
      local_security_policy { 'Replace a process level token':
        policy_value => '*S-1-5-19,*S-1-5-20',
      }
    }
    'db', 'app': {
      local_security_policy { 'Replace a process level token':
        policy_value => '*S-1-5-19,*S-1-5-20',
      }
      local_security_policy { 'Replace a process level token': # want "PL2004: SeAssignPrimaryTokenPrivilege is assigned again \(first on line 28\)"
        policy_value => '*S-1-5-19,*S-1-5-20',
      }
    }
    default: {}
  }
}

# Outside any conditional: it applies together with each branch above.
local_security_policy { 'Impersonate a client after authentication': # want "PL2004: SeImpersonatePrivilege is assigned again \(first on line 5\)"
  policy_value => '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6',
}

# A grant after the conditionals is still found.
local_security_policy { 'Replace a process level token': # want "PL2004: SeAssignPrimaryTokenPrivilege is assigned again \(first on line 23\)"
  policy_value => '*S-1-5-19,*S-1-5-20,CONTOSO\after', # want "PL1002: .*CONTOSO.after"
}
