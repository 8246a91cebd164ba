# Chef fails a :set without users; privlint says so instead of guessing.
windows_user_privilege 'no users' do # problem "windows_user_privilege with action :set has no users property"
  privilege 'SeImpersonatePrivilege'
  action :set
end

# An unterminated heredoc is a problem on its opener, and the rest of the file is its body.
powershell_script 'broken' do # problem "`do` is never closed with `end`"
  code <<~EOH # problem "heredoc <<EOH has no terminating line \"EOH\""
    Grant-CPrivilege -Identity 'CONTOSO\\svc-broken' -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-broken"
  EOS
end
