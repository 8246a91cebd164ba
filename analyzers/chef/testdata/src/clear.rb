# :remove never grants; :clear empties the list, which Windows services need.
windows_user_privilege 'CONTOSO\svc-old' do
  privilege 'SeImpersonatePrivilege'
  action :remove
end
windows_user_privilege 'clear replace token' do
  privilege 'SeAssignPrimaryTokenPrivilege' # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.LOCAL SERVICE, NT AUTHORITY.NETWORK SERVICE"
  action :clear
end

