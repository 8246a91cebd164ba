# The command of an exec resource runs: ntrights on a Windows command line, PowerShell with the
# powershell provider.
exec { 'grant impersonate':
  command => 'C:\tools\ntrights.exe +r SeImpersonatePrivilege -u CONTOSO\svc-exec', # want "PL1001: .*svc-exec"
  unless  => 'C:\tools\check.cmd',
}

exec { 'grant with carbon':
  command  => "Grant-CPrivilege -Identity 'CONTOSO\\svc-carbon' -Privilege SeAssignPrimaryTokenPrivilege", # want "PL1002: .*svc-carbon"
  provider => powershell,
}
