# Puppet syntax around the resources: comments, other resources, heredocs, selectors, several
# bodies in one declaration and the right named by policy_setting.
/*
local_security_policy { 'Impersonate a client after authentication':
  policy_value => 'CONTOSO\svc-comment',
}
*/
file { 'C:/policy.txt':
  content => @("EOT"/L)
    local_security_policy { 'Impersonate a client after authentication':
      policy_value => 'CONTOSO\svc-heredoc',
    }
    | EOT
}

$mode = $facts['os']['family'] ? {
  'windows' => 'present',
  default   => 'absent',
}

local_security_policy {
  'Allow log on locally':
    ensure       => present,
    policy_value => 'Administrators, CONTOSO\svc-logon';
  'Impersonate a client after authentication':
    ensure       => present,
    policy_value => 'Administrators,LOCAL SERVICE,NETWORK SERVICE,SERVICE,Authenticated Users', # want "PL1003: .*Authenticated Users.*broad group"
}

# A misspelled right does nothing.
local_security_policy { 'Token privileges':
  policy_setting => 'SeAssignPrimaryTokenPrivlege', # want "PL2001: \"SeAssignPrimaryTokenPrivlege\" is not a right Windows knows"
  policy_value   => '*S-1-5-19,*S-1-5-20',
}
