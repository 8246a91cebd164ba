# Two replacing sets of one right in one recipe: only the last takes effect.
windows_user_privilege 'first set' do
  privilege 'SeAssignPrimaryTokenPrivilege'
  users ['NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE']
  action :set
end
windows_user_privilege 'second set' do
  privilege 'SeAssignPrimaryTokenPrivilege' # want "PL2004: SeAssignPrimaryTokenPrivilege is assigned again \(first on line 3\)"
  users ['NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE']
  action :set
end


# Alternatives in the branches of a conditional are no duplicates.
if node['kernel']['cs_info']['part_of_domain']
  windows_user_privilege 'domain impersonate' do
    privilege 'SeImpersonatePrivilege'
    users ['BUILTIN\Administrators', 'NT AUTHORITY\SERVICE', 'NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE']
    action :set
  end
else
  windows_user_privilege 'workgroup impersonate' do
    privilege 'SeImpersonatePrivilege'
    users ['BUILTIN\Administrators', 'NT AUTHORITY\SERVICE', 'NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE']
    action :set
  end
end
