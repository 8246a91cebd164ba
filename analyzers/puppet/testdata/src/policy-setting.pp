# A custom title with the right in policy_setting; policy types other than Privilege Rights are
# other settings.
local_security_policy { 'Web pool impersonation':
  policy_setting => 'SeImpersonatePrivilege',
  policy_type    => 'Privilege Rights',
  policy_value   => 'Administrators,LOCAL SERVICE,NETWORK SERVICE,SERVICE,CONTOSO\svc-custom', # want "PL1001: .*svc-custom"
}
local_security_policy { 'Maximum password age':
  ensure       => present,
  policy_type  => 'System Access',
  policy_value => '90',
}
