# windows_user_privilege :set and :clear replace the whole list of a right.

# A set that leaves out an account Windows services need is reported.
windows_user_privilege 'replace token baseline' do
  privilege 'SeAssignPrimaryTokenPrivilege' # want "PL2003: SeAssignPrimaryTokenPrivilege is set without NT AUTHORITY.NETWORK SERVICE"
  users %w(LocalService)
  action :set
end
