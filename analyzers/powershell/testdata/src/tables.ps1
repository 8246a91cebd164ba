# Tables of rights and accounts walked with foreach, .Keys, .GetEnumerator() and ForEach-Object.

$grants = @{
    SeImpersonatePrivilege        = 'CONTOSO\tbl-keys-a'
    SeAssignPrimaryTokenPrivilege = 'CONTOSO\tbl-keys-b'
}
foreach ($right in $grants.Keys) {
    ntrights +r $right -u $grants[$right] # want "PL1001: .*tbl-keys-a" "PL1002: .*tbl-keys-b"
}
$grants.GetEnumerator() | ForEach-Object {
    Grant-CPrivilege -Identity $_.Value -Privilege $_.Key # want "PL1001: .*tbl-keys-a" "PL1002: .*tbl-keys-b"
}

$byAccount = @{ 'CONTOSO\tbl-enum' = 'SeImpersonatePrivilege' }
foreach ($entry in $byAccount.GetEnumerator()) {
    Grant-UserRight -Account $entry.Key -Right $entry.Value # want "PL1001: .*tbl-enum"
}

# An array of hashtables.
$plan = @(
    @{ Right = 'SeImpersonatePrivilege'; Account = 'CONTOSO\tbl-rows' }
    @{ Right = 'SeAssignPrimaryTokenPrivilege'; Account = 'NT AUTHORITY\NETWORK SERVICE' }
)
$plan | ForEach-Object { Grant-CPrivilege -Identity $_.Account -Privilege $_.Right } # want "PL1001: .*tbl-rows"
foreach ($row in $plan) { Add-WindowsRight -Name $row.Right -Account $row.Account } # want "PL1001: .*tbl-rows"

# A table of lists.
$lists = @{ 'CONTOSO\tbl-list' = @('SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege') }
foreach ($who in $lists.Keys) {
    foreach ($r in $lists[$who]) { Grant-UserRight -Account $who -Right $r } # want "PL1001: .*tbl-list" "PL1002: .*tbl-list"
}

# Negative twins: a table walked to revoke, safe accounts only, a table in a comment.
$revokes = @{ SeImpersonatePrivilege = 'CONTOSO\tbl-revoked' }
foreach ($k in $revokes.Keys) { ntrights -r $k -u $revokes[$k] }
$safe = @{ SeImpersonatePrivilege = 'NT AUTHORITY\SERVICE'; SeAssignPrimaryTokenPrivilege = 'NT AUTHORITY\LOCAL SERVICE' }
$safe.GetEnumerator() | ForEach-Object { ntrights +r $_.Key -u $_.Value }
# foreach ($k in $grants.Keys) { ntrights +r $k -u 'CONTOSO\tbl-comment' }

# Paths to ntrights built with Join-Path or a string.
& (Join-Path $PSScriptRoot 'ntrights.exe') -u CONTOSO\path-join +r SeImpersonatePrivilege # want "PL1001: .*path-join"
$ntrights = Join-Path -Path $env:ProgramFiles -ChildPath 'Resource Kit\ntrights.exe'
& $ntrights -u CONTOSO\path-var +r SeAssignPrimaryTokenPrivilege # want "PL1002: .*path-var"
& "$tools\ntrights.exe" -u CONTOSO\path-string +r SeImpersonatePrivilege # want "PL1001: .*path-string"
& ($tools + '\ntrights.exe') -u CONTOSO\path-concat +r SeImpersonatePrivilege # want "PL1001: .*path-concat"
& ('{0}\ntrights.exe' -f $tools) -u CONTOSO\path-format +r SeImpersonatePrivilege # want "PL1001: .*path-format"
$combined = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'ntrights.exe')
& $combined -u CONTOSO\path-combine +r SeImpersonatePrivilege # want "PL1001: .*path-combine"
Start-Process -FilePath (Join-Path $tools 'ntrights.exe') -ArgumentList '-u', 'CONTOSO\path-start', '+r', 'SeImpersonatePrivilege' # want "PL1001: .*path-start"
& (Join-Path $PSScriptRoot 'ntrights.exe') -u CONTOSO\path-revoked -r SeImpersonatePrivilege
& (Join-Path $PSScriptRoot 'ntrights.exe') -u 'NT AUTHORITY\NETWORK SERVICE' +r SeImpersonatePrivilege
& (Join-Path $PSScriptRoot 'other.exe') -u CONTOSO\path-other +r SeImpersonatePrivilege
