# PowerShell handed to PowerShell is analyzed where it is written.
Invoke-Expression 'Grant-CPrivilege -Identity CONTOSO\emb-iex -Privilege SeImpersonatePrivilege' # want "PL1001: .*emb-iex"
$who = 'CONTOSO\emb-expanded'
iex "Grant-CPrivilege -Identity $who -Privilege SeImpersonatePrivilege" # want "PL1001: .*emb-expanded"
powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "Grant-CPrivilege -Identity 'CONTOSO\emb-command' -Privilege SeImpersonatePrivilege" # want "PL1001: .*emb-command"
pwsh -c "ntrights +r SeImpersonatePrivilege -u CONTOSO\emb-pwsh" # want "PL1001: .*emb-pwsh"
powershell Grant-CPrivilege -Identity CONTOSO\emb-words -Privilege SeImpersonatePrivilege # want "PL1001: .*emb-words"
powershell -NoProfile -EncodedCommand RwByAGEAbgB0AC0AQwBQAHIAaQB2AGkAbABlAGcAZQAgAC0ASQBkAGUAbgB0AGkAdAB5ACAAQwBPAE4AVABPAFMATwBcAGUAbQBiAC0AZQBuAGMAbwBkAGUAZAAgAC0AUAByAGkAdgBpAGwAZQBnAGUAIABTAGUASQBtAHAAZQByAHMAbwBuAGEAdABlAFAAcgBpAHYAaQBsAGUAZwBlAA== # want "PL1001: .*emb-encoded"
Start-Process powershell -ArgumentList '-NoProfile -Command "Grant-CPrivilege -Identity CONTOSO\emb-saps -Privilege SeImpersonatePrivilege"' # want "PL1001: .*emb-saps"
psexec \\web01 -s ntrights +r SeImpersonatePrivilege -u CONTOSO\emb-psexec # want "PL1001: .*emb-psexec"
# pwsh runs a file, not a command, without -Command.
pwsh .\grant.ps1
