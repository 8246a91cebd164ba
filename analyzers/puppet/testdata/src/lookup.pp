# A value from a lookup is known only at run time; the right may be named by its constant.
$token = lookup('rights::token')
local_security_policy { 'SeAssignPrimaryTokenPrivilege':
  policy_value => $token, # want "PL1005: .*\$token.*cannot resolve"
}
