# A domain known only at run time: the written name decides, whatever the domain is.
local_security_policy { 'Impersonate a client after authentication':
  ensure       => present,
  policy_value => "${facts['domain']}\\pp-svc", # want "PL1001: .*\$\{facts\['domain'\]\}.pp-svc, outside the safe set"
}
