# ntrights.exe from PowerShell: invoked directly, through the call operator, through
# Start-Process, and through cmd /c. Its arguments follow the shared ntrights grammar.

ntrights +r SeImpersonatePrivilege -u CONTOSO\nt-direct # want "PL1001: .*nt-direct"
ntrights.exe -u "CONTOSO\nt-order" +r SeAssignPrimaryTokenPrivilege -m \\server01 # want "PL1002: .*nt-order"
C:\Tools\ntrights.exe +r SeImpersonatePrivilege -u 'CONTOSO\nt-path' -m\\server01 # want "PL1001: .*nt-path"
.\ntrights.exe +r SeImpersonatePrivilege -u CONTOSO\nt-relative -e "granted by setup" # want "PL1001: .*nt-relative"

# The call operator, with a quoted path or a variable holding it.
& 'C:\Program Files\Resource Kit\ntrights.exe' +r SeImpersonatePrivilege -u CONTOSO\nt-call # want "PL1001: .*nt-call"
$ntrights = Join-Path $env:ProgramFiles 'Resource Kit\ntrights.exe'
& $ntrights +r SeImpersonatePrivilege -u CONTOSO\nt-joinpath # want "PL1001: .*nt-joinpath"
$tool = 'C:\Tools\ntrights.exe'
& $tool +r SeImpersonatePrivilege -u CONTOSO\nt-var # want "PL1001: .*nt-var"

# -r revokes.
ntrights -r SeImpersonatePrivilege -u Everyone

# Start-Process with an argument array, a single command-line string, positional parameters and
# aliases.
Start-Process -FilePath ntrights.exe -ArgumentList '+r', 'SeImpersonatePrivilege', '-u', 'CONTOSO\nt-array' -Wait -NoNewWindow # want "PL1001: .*nt-array"
Start-Process -FilePath 'ntrights' -ArgumentList '+r SeImpersonatePrivilege -u "CONTOSO\nt string"' -Wait # want "PL1001: .*nt string"
Start-Process ntrights '-u CONTOSO\nt-positional +r SeAssignPrimaryTokenPrivilege' # want "PL1002: .*nt-positional"
saps ntrights -Args '+r','SeImpersonatePrivilege','-u','CONTOSO\nt-saps' # want "PL1001: .*nt-saps"
start -FilePath C:\Tools\ntrights.exe -ArgumentList "+r SeImpersonatePrivilege -u CONTOSO\nt-start" # want "PL1001: .*nt-start"

# cmd /c with the command as one string, or as separate arguments.
cmd /c 'ntrights +r SeImpersonatePrivilege -u CONTOSO\nt-cmd' # want "PL1001: .*nt-cmd"
cmd.exe /c ntrights +r SeImpersonatePrivilege -u CONTOSO\nt-cmdargs # want "PL1001: .*nt-cmdargs"
Start-Process cmd.exe -ArgumentList '/c ntrights +r SeImpersonatePrivilege -u CONTOSO\nt-saps-cmd' # want "PL1001: .*nt-saps-cmd"

# An account known only at run time.
ntrights +r SeImpersonatePrivilege -u $env:SERVICE_ACCOUNT # want "PL1005: .*\$env:SERVICE_ACCOUNT"
$domain = 'CONTOSO'
ntrights +r SeImpersonatePrivilege -u "$domain\nt-expanded" # want "PL1001: .*CONTOSO.nt-expanded"

# An invocation ntrights cannot run is a problem, not a grant.
# problem "ntrights invocation has \+r SeImpersonatePrivilege but no -u account"
ntrights +r SeImpersonatePrivilege
