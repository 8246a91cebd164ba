# Variables assigned literals resolve; anything else is an unresolved account carrying its text.
web_account = 'CONTOSO\svc-var'
SAFE = "NT AUTHORITY\\NETWORK SERVICE"
@pool = 'IIS APPPOOL\DefaultAppPool'

windows_user_privilege 'from a local variable' do
  principal web_account # want "PL1001: SeImpersonatePrivilege is given to CONTOSO.svc-var, outside the safe set"
  privilege 'SeImpersonatePrivilege'
end
windows_user_privilege SAFE do
  privilege 'SeImpersonatePrivilege'
end
windows_user_privilege @pool do # want "PL1004: .*DefaultAppPool.*iis exception"
  privilege 'SeImpersonatePrivilege'
end

# Interpolation of a literal variable resolves; of anything else, it does not.
domain = 'CONTOSO'
windows_user_privilege "#{domain}\\svc-interp" do # want "PL1001: .*CONTOSO.svc-interp"
  privilege 'SeImpersonatePrivilege'
end
# A domain known only at run time: the written name decides.
windows_user_privilege "#{node['domain']}\\svc-attr" do # want "PL1001: SeImpersonatePrivilege is given to #\{node\['domain'\]\}.svc-attr, outside the safe set"
  privilege 'SeImpersonatePrivilege'
end

# Node attributes, method results and reassigned variables are unresolved.
windows_user_privilege 'from an attribute' do
  principal node['app']['service_account'] # want "PL1005: .*node\['app'\]\['service_account'\].*cannot resolve"
  privilege 'SeAssignPrimaryTokenPrivilege'
end
web_account = lookup_account(node)
windows_user_privilege 'reassigned' do
  principal web_account # want "PL1005: .*web_account.*cannot resolve"
  privilege 'SeImpersonatePrivilege'
end

# A loop over a literal list runs its body once per item.
%w(CONTOSO\svc-loop1 CONTOSO\svc-loop2).each do |account|
  windows_user_privilege account do # want "PL1001: .*svc-loop1" "PL1001: .*svc-loop2"
    privilege 'SeImpersonatePrivilege'
  end
end

# A loop over anything else leaves its variable unresolved.
node['rights']['accounts'].each do |account|
  windows_user_privilege account do # want "PL1005: .*account.*cannot resolve"
    privilege 'SeImpersonatePrivilege'
  end
end

# The users of a set may come from variables too.
baseline = ['NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE', 'NT AUTHORITY\SERVICE', 'BUILTIN\Administrators']
windows_user_privilege 'impersonate plus an attribute' do
  privilege 'SeImpersonatePrivilege'
  users baseline + [node['app']['service_account']] # want "PL1005: SeImpersonatePrivilege is given to baseline \+ \[node\['app'\]\['service_account'\]\], which privlint cannot resolve"
  action :set
end
windows_user_privilege 'replace token from a variable' do
  privilege 'SeAssignPrimaryTokenPrivilege'
  users baseline[0, 2] # want "PL1005: .*baseline\[0, 2\]"
  action :set
end

# A variable first assigned in a block ends with the block, as in Ruby.
[1].each do |i|
  block_local = 'CONTOSO\svc-block'
end
windows_user_privilege 'block local' do
  principal block_local # want "PL1005: .*block_local.*cannot resolve"
  privilege 'SeImpersonatePrivilege'
end

# Integer literals are known: a loop over them resolves.
[1, 2].each do |n|
  windows_user_privilege "CONTOSO\\svc-n#{n}" do # want "PL1001: .*svc-n1," "PL1001: .*svc-n2,"
    privilege 'SeImpersonatePrivilege'
  end
end

# true and nil name no account.
if node['booleans']
  windows_user_privilege 'booleans' do
    privilege 'SeImpersonatePrivilege'
    users ['NT AUTHORITY\LOCAL SERVICE', 'NT AUTHORITY\NETWORK SERVICE', 'NT AUTHORITY\SERVICE', 'BUILTIN\Administrators', true, nil]
    action :set
  end
end

# An array or a hash changed in place is no longer the literal it was assigned.
grown = ['NT AUTHORITY\LOCAL SERVICE']
grown.push('CONTOSO\svc-pushed')
appended = ['NT AUTHORITY\LOCAL SERVICE']
appended << 'CONTOSO\svc-appended'
settings = { 'account' => 'NT AUTHORITY\LOCAL SERVICE' }
settings['account'] = 'CONTOSO\svc-stored'
windows_user_privilege 'grown' do
  principal grown # want "PL1005: .*grown.*cannot resolve"
  privilege 'SeImpersonatePrivilege'
end
windows_user_privilege 'appended' do
  principal appended # want "PL1005: .*appended.*cannot resolve"
  privilege 'SeImpersonatePrivilege'
end
windows_user_privilege 'stored' do
  principal settings['account'] # want "PL1005: .*settings\['account'\].*cannot resolve"
  privilege 'SeImpersonatePrivilege'
end

# A string known in part travels through a variable: the written name decides, whatever the domain
# is; with the name itself unknown, it stays unresolved.
domain_svc = "#{node['domain']}\\svc-chef-partial"
windows_user_privilege 'partial' do
  principal domain_svc # want "PL1001: .*#\{node\['domain'\]\}.svc-chef-partial, outside the safe set"
  privilege 'SeImpersonatePrivilege'
end
authority_svc = "NT AUTHORITY\\#{node['svc']}"
windows_user_privilege 'authority' do
  principal authority_svc # want "PL1005: .*NT AUTHORITY.#\{node\['svc'\]\}"
  privilege 'SeImpersonatePrivilege'
end
