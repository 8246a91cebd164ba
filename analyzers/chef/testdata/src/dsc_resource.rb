# dsc_resource runs a DSC resource with the properties given: SecurityPolicyDsc's
# UserRightsAssignment adds Identity to Policy (Force true replaces the list, Ensure 'Absent'
# removes) and Carbon_Privilege gives Identity the Privilege list.
dsc_resource 'impersonate' do
  resource :UserRightsAssignment
  module_name 'SecurityPolicyDsc'
  property :Policy, 'Impersonate_a_client_after_authentication'
  property :Identity, ['NT AUTHORITY\SERVICE', 'CONTOSO\svc-dsc'] # want "PL1001: .*svc-dsc"
end

dsc_resource 'replace token' do
  resource :userrightsassignment
  property :policy, 'Replace_a_process_level_token' # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
  property :identity, 'NT AUTHORITY\LOCAL SERVICE'
  property :force, true
end

dsc_resource 'joined' do
  resource :UserRightsAssignment
  property :Policy, 'Impersonate_a_client_after_authentication'
  property :Identity, 'NT AUTHORITY\SERVICE,CONTOSO\svc-joined' # want "PL1001: .*svc-joined"
end

dsc_resource 'removed' do
  resource :UserRightsAssignment
  property :Policy, 'Impersonate_a_client_after_authentication'
  property :Identity, ['Everyone']
  property :Ensure, 'Absent'
end

dsc_resource 'carbon' do
  resource :Carbon_Privilege
  property :Identity, 'CONTOSO\svc-carbon' # want "PL1001: .*svc-carbon" "PL1002: .*svc-carbon"
  property :Privilege, %w(SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege)
end

# Other DSC resources are not assignments.
dsc_resource 'registry' do
  resource :Registry
  property :Key, 'HKLM\SOFTWARE\Contoso'
  property :Identity, 'CONTOSO\svc-other'
end

# Force 1 replaces the list as Force true does, here and in every language (package forms).
dsc_resource 'impersonate set' do
  resource :UserRightsAssignment
  property :Policy, 'Impersonate_a_client_after_authentication' # want "PL2003: SeImpersonatePrivilege is set without NT AUTHORITY.LOCAL SERVICE"
  property :Identity, 'Administrators'
  property :Force, 1
end

# A Force or an Ensure known only at run time never hides the grant.
dsc_resource 'from attributes' do
  resource :UserRightsAssignment
  property :Policy, 'Impersonate_a_client_after_authentication'
  property :Identity, ['CONTOSO\svc-attr'] # want "PL1001: .*svc-attr"
  property :Force, node['rights']['force']
  property :Ensure, node['rights']['ensure']
end

# A comma-joined Identity with a part known only at run time: each name is read, the one known in
# part by its written part.
dsc_resource 'joined at run time' do
  resource :UserRightsAssignment
  property :Policy, 'Impersonate_a_client_after_authentication'
  property :Identity, "NT AUTHORITY\\SERVICE,#{node['domain']}\\svc-joined-rt" # want "PL1001: SeImpersonatePrivilege is given to #\{node\['domain'\]\}.svc-joined-rt, outside"
end

# A hash of literals is read by its literal keys; a symbol key is not a string key, as in Ruby.
rights = { policy: 'Impersonate_a_client_after_authentication', 'accounts' => ['CONTOSO\svc-hash'], ensure: 'Absent' }
dsc_resource 'from a hash' do
  resource :UserRightsAssignment
  property :Policy, rights[:policy]
  property :Identity, rights['accounts'] # want "PL1001: .*svc-hash"
  property :Ensure, rights['ensure']
end
dsc_resource 'revoked from a hash' do
  resource :UserRightsAssignment
  property :Policy, rights[:policy]
  property :Identity, rights['accounts']
  property :Ensure, rights[:ensure]
end
dsc_resource 'from missing keys' do
  resource :UserRightsAssignment
  property :Policy, rights['policy']
  property :Identity, rights[:accounts]
end
