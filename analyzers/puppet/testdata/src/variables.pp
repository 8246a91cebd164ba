# Variables assigned literals resolve, in strings too; parameters, facts and lookups do not.
class profile::rights (
  String $service_account = 'CONTOSO\svc-default',
) {
  $web = 'CONTOSO\svc-var'
  $baseline = '*S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6'

  local_security_policy { 'Impersonate a client after authentication':
    ensure       => present,
    policy_value => "${baseline},${web}", # want "PL1001: SeImpersonatePrivilege is given to CONTOSO.svc-var, outside the safe set"
  }

  local_security_policy { 'Replace a process level token':
    ensure       => present,
    policy_value => "*S-1-5-19,*S-1-5-20,${service_account}", # want "PL1005: SeAssignPrimaryTokenPrivilege is given to \$\{service_account\}, which privlint cannot resolve"
  }
}

