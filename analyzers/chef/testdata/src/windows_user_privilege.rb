# Chef's windows_user_privilege resource: privilege (a string or an array), principal (defaults to
# the resource name), users, and action :add (the default), :set, :remove or :clear.

# :add is the default, and the principal defaults to the resource name.
windows_user_privilege 'CONTOSO\svc-default' do # want "PL1001: SeImpersonatePrivilege is given to CONTOSO.svc-default, outside the safe set"
  privilege 'SeImpersonatePrivilege'
end

# An explicit principal wins over the name.
windows_user_privilege 'grant impersonate to the web app' do
  principal 'CONTOSO\svc-principal' # want "PL1001: .*svc-principal"
  privilege 'SeImpersonatePrivilege'
  action :add
end

# The documented safe set raises nothing.
windows_user_privilege 'NT AUTHORITY\NETWORK SERVICE' do
  privilege %w(SeImpersonatePrivilege SeAssignPrimaryTokenPrivilege)
end
windows_user_privilege 'Administrators' do
  privilege 'SeImpersonatePrivilege'
end

# Several privileges at once: one assignment per right; other rights are not reported.
windows_user_privilege 'CONTOSO\svc-multi' do # want "PL1001: .*svc-multi" "PL1002: .*svc-multi"
  privilege ['SeServiceLogonRight', 'SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege']
end

# Parentheses and a brace block.
windows_user_privilege('CONTOSO\svc-paren') { privilege 'SeAssignPrimaryTokenPrivilege' } # want "PL1002: SeAssignPrimaryTokenPrivilege is given to CONTOSO.svc-paren"

# :set gives the privileges to exactly the users: outside accounts are reported...
windows_user_privilege 'impersonate baseline' do
  privilege 'SeImpersonatePrivilege'
  users ['BUILTIN\Administrators', 'NT AUTHORITY\SERVICE', 'NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE', 'Everyone'] # want "PL1003: .*Everyone.*broad group"
  action :set
end

# An action list runs each action in turn; :nothing runs none.
windows_user_privilege 'CONTOSO\svc-actions' do # want "PL1001: .*svc-actions"
  privilege 'SeImpersonatePrivilege'
  action [:remove, :add]
end
windows_user_privilege 'CONTOSO\svc-nothing' do
  privilege 'SeImpersonatePrivilege'
  action :nothing
end

# A misspelled privilege does nothing; privlint says so.
windows_user_privilege 'CONTOSO\svc-typo' do
  privilege 'SeImpersonatePrivelege' # want "PL2001: \"SeImpersonatePrivelege\" is not a right Windows knows"
end

# Documented exceptions and SIDs.
windows_user_privilege 'IIS_IUSRS' do # want "PL1004: .*IIS_IUSRS.*iis exception"
  privilege 'SeImpersonatePrivilege'
end
windows_user_privilege 'S-1-5-32-545' do # want "PL1003: .*S-1-5-32-545.*broad group"
  privilege 'SeImpersonatePrivilege'
end

# Other resources with similar names are not assignments.
windows_user_privilege_report 'CONTOSO\svc-not-a-resource' do
  privilege 'SeImpersonatePrivilege'
end
