# The code of powershell_script, dsc_script and batch resources, and the command of execute
# resources, is analyzed in its language where the recipe writes it.
svc = 'CONTOSO\svc-ps'

powershell_script 'grant with Carbon' do
  code <<~EOH
    Import-Module Carbon
    # A resolved interpolation:
    Grant-CPrivilege -Identity '#{svc}' -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-ps"
    # One privlint cannot resolve:
    Grant-CPrivilege -Identity "#{node['app']['user']}" -Privilege SeImpersonatePrivilege # want "PL1005: .*node\['app'\]\['user'\].*cannot resolve"
    ntrights.exe +r SeAssignPrimaryTokenPrivilege -u 'CONTOSO\\svc-ntrights' # want "PL1002: .*svc-ntrights"
  EOH
  guard_interpreter :powershell_script
  not_if "(Get-CPrivilege -Identity '#{svc}') -contains 'SeImpersonatePrivilege'"
end

# In a heredoc that interpolates, Ruby reads escapes: \s is a space, so the account is not what it seems.
powershell_script 'escape trap' do
  code <<-EOH
    Grant-CPrivilege -Identity 'CONTOSO\svc-trap' -Privilege SeImpersonatePrivilege # want "PL1001: SeImpersonatePrivilege is given to CONTOSO vc-trap"
  EOH
end

# A quoted terminator makes the heredoc raw.
powershell_script 'raw' do
  code <<~'EOH'
    $account = 'CONTOSO\svc-raw'
    Grant-CPrivilege -Identity $account -Privilege SeImpersonatePrivilege # want "PL1001: .*svc-raw"
  EOH
end

# A security template written from PowerShell and imported with secedit.
powershell_script 'template' do
  code <<~EOH
    @"
    [Unicode]
    Unicode=yes
    [Privilege Rights]
    ; want "PL1001: SeImpersonatePrivilege is given to CONTOSO.svc-inf, outside"
    SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-6,CONTOSO\\svc-inf
    "@ | Set-Content C:\\Windows\\Temp\\rights.inf
    secedit /configure /db secedit.sdb /cfg C:\\Windows\\Temp\\rights.inf
  EOH
end

# A one-line string works as well as a heredoc.
powershell_script 'one line' do
  code "Grant-CPrivilege -Identity 'Everyone' -Privilege SeImpersonatePrivilege" # want "PL1003: .*Everyone"
end

# DSC configurations in dsc_script.
dsc_script 'rights' do
  code <<-EOH
    UserRightsAssignment Impersonate
    {
        Policy   = 'Impersonate_a_client_after_authentication'
        Identity = 'CONTOSO\\svc-dscscript' # want "PL1001: .*svc-dscscript"
    }
  EOH
end

# Batch code.
batch 'grant with ntrights' do
  code <<-EOH
    REM want "PL1001: .*svc-batch"
    ntrights +r SeImpersonatePrivilege -u CONTOSO\\svc-batch
    REM want "PL1005: .*%SVC_USER%"
    ntrights +r SeImpersonatePrivilege -u %SVC_USER%
  EOH
end

# An execute resource runs its command, which is its name unless command says otherwise.
execute 'ntrights +r SeAssignPrimaryTokenPrivilege -u CONTOSO\svc-exec' # want "PL1002: .*svc-exec"
execute 'grant' do
  command "ntrights.exe +r SeImpersonatePrivilege -u \"#{svc}\"" # want "PL1001: .*svc-ps"
end

# Scripts that only query change nothing.
powershell_script 'query' do
  code 'Get-CPrivilege -Identity CONTOSO\svc-query'
end
