# Loops over literal arrays bind the loop variable to each element in turn.
foreach ($svc in 'CONTOSO\loop-a', 'CONTOSO\loop-b') {
    Grant-CPrivilege -Identity $svc -Privilege SeImpersonatePrivilege # want "PL1001: .*loop-a" "PL1001: .*loop-b"
}

$accounts = @(
    'NT AUTHORITY\NETWORK SERVICE'
    'CONTOSO\loop-lines'
)
foreach ($a in $accounts)
{
    ntrights +r SeImpersonatePrivilege -u $a # want "PL1001: .*loop-lines"
}

# Nested loops: every combination.
foreach ($right in @('SeImpersonatePrivilege', 'SeAssignPrimaryTokenPrivilege')) {
    foreach ($user in @('CONTOSO\loop-nested')) {
        Grant-UserRight -Account $user -Right $right # want "PL1001: .*loop-nested" "PL1002: .*loop-nested"
    }
}

# ForEach-Object and its alias % bind $_ (and $PSItem) to each piped item.
'CONTOSO\loop-pipe-a', 'CONTOSO\loop-pipe-b' | ForEach-Object {
    Grant-CPrivilege -Identity $_ -Privilege SeImpersonatePrivilege # want "PL1001: .*loop-pipe-a" "PL1001: .*loop-pipe-b"
}
@('CONTOSO\loop-percent') | % { Add-WindowsRight -Name SeImpersonatePrivilege -Account $PSItem } # want "PL1001: .*loop-percent"

# The loop variable of a loop over something unknown is unresolved.
foreach ($member in (Get-Content accounts.txt)) {
    Grant-CPrivilege -Identity $member -Privilege SeImpersonatePrivilege # want "PL1005: .*\$member"
}
Get-Content accounts.txt | ForEach-Object -Process { Grant-CPrivilege -Identity $_ -Privilege SeImpersonatePrivilege } # want "PL1005: .*\$_"

# A loop over an empty list never runs its body.
foreach ($nobody in @()) {
    Grant-CPrivilege -Identity $nobody -Privilege SeImpersonatePrivilege
}

# Other loops run their bodies.
$i = 0
while ($i -lt 1) {
    Grant-CPrivilege -Identity 'CONTOSO\loop-while' -Privilege SeImpersonatePrivilege # want "PL1001: .*loop-while"
    $i++
}
for ($j = 0; $j -lt 2; $j++) { Grant-CPrivilege -Identity 'CONTOSO\loop-for' -Privilege SeImpersonatePrivilege } # want "PL1001: .*loop-for"
do { Grant-CPrivilege -Identity 'CONTOSO\loop-do' -Privilege SeImpersonatePrivilege } until ($true) # want "PL1001: .*loop-do"
