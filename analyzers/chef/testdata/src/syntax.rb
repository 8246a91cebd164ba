# Ruby that hides resource-like text in comments, strings and heredocs: nothing here is a grant.
=begin
windows_user_privilege 'CONTOSO\svc-comment' do
  privilege 'SeImpersonatePrivilege'
end
=end
log "windows_user_privilege 'CONTOSO\\svc-string' do privilege 'SeImpersonatePrivilege' end"
note = <<~TEXT
  windows_user_privilege 'CONTOSO\svc-heredoc' do
    privilege 'SeImpersonatePrivilege'
  end
TEXT
words = %w[windows_user_privilege do end]
ratio = 10 % 3
path = ENV['PATH'] =~ /windows_user_privilege/ ? 'x' : 'y'

# Real Ruby around a resource: conditionals, guards, notifications, blocks with braces.
if platform?('windows') && node['app']['enabled']
  windows_user_privilege 'CONTOSO\svc-cond' do # want "PL1001: .*svc-cond"
    privilege 'SeImpersonatePrivilege'
    only_if { ::File.exist?('C:\app') }
    notifies :restart, 'windows_service[app]', :delayed
  end
else
  log('not windows') { level :warn }
end

case node['role']
when 'web' then include_recipe 'app::web'
else
  windows_user_privilege 'CONTOSO\svc-case' do # want "PL1002: .*svc-case"
    privilege 'SeAssignPrimaryTokenPrivilege'
  end
end

def helper(name, opts = {})
  opts.fetch(:x) { name }
end

__END__
windows_user_privilege 'CONTOSO\svc-data' do
  privilege 'SeImpersonatePrivilege'
end
