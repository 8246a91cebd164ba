#Requires -Version 5.1
#region Setup
<#
.SYNOPSIS
    A script in the style of real deployment code, with the syntax a parser must survive. Only
    the two grants marked below are reported.
.EXAMPLE
    .\syntax-zoo.ps1 -Environment prod
#>
using namespace System.Collections.Generic
[CmdletBinding(SupportsShouldProcess = $true, DefaultParameterSetName = 'Default')]
param(
    [Parameter(Mandatory = $false, Position = 0, HelpMessage = "Target (prod|test)")]
    [ValidateSet('prod', 'test')]
    [string] $Environment = 'test',

    [ValidateScript({ Test-Path -LiteralPath $_ -PathType Container })]
    [System.IO.DirectoryInfo] $Root = $PSScriptRoot,

    [switch] $Force
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
#endregion

enum Tier { Web = 1; Worker = 2 }

class Node {
    [string] $Name
    hidden [int] $Port = 443
    static [Node] Parse([string]$text) {
        $parts = $text -split ':', 2
        return [Node]@{ Name = $parts[0]; Port = [int]$parts[1] }
    }
    [string] ToString() { return "{0}:{1}" -f $this.Name, $this.Port }
}

function Write-Log {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)][string]$Message, [ValidateRange(1, 3)][int]$Level = 1)
    begin { $stamp = Get-Date -Format 'yyyy-MM-ddTHH:mm:ss' }
    process {
        $line = "[$stamp][$Level] $($Message.Trim())"
        Add-Content -LiteralPath (Join-Path $env:TEMP 'deploy.log') -Value $line
    }
    end { }
}

filter Select-Enabled { if ($_.Enabled) { $_ } }

$settings = [ordered]@{
    'Pool.Name'   = "AppPool-$Environment"
    Ports         = 80, 443
    Nested        = @{ Deep = @(1, 2, @{ Deeper = $true }) }
    Script        = { param($x) $x * 2 }
}
$list = [List[string]]::new()
$list.Add('one'); [void]$list.Add("two")
$numbers = 0x1F, 1e3, 10KB, -5, +3, 1.5d
$range = 1..10 | Where-Object { $_ % 2 -eq 0 } | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { $sum }
$files = Get-ChildItem -Path $Root -Filter *.config -Recurse -ErrorAction SilentlyContinue |
    Select-Object -Property Name, @{ Name = 'SizeKB'; Expression = { [math]::Round($_.Length / 1KB, 2) } } |
    Sort-Object -Property SizeKB -Descending
$active = $files.Where({ $_.SizeKB -gt 0 }, 'First', 3)
$names = @($files | ForEach-Object Name) -join ', '
$quoted = 'It''s "quoted"' + " and `"escaped`" with `$literal and $($names.Length) chars`t"
$here = @"
Environment: $Environment
Files:       $($files.Count)
Literal:     `$notExpanded
"@
$json = @{ env = $Environment; at = (Get-Date).ToString('o') } | ConvertTo-Json -Depth 3 -Compress
$ok = $Force -or ($Environment -eq 'test' -and -not [string]::IsNullOrWhiteSpace($names))
$count = $files.Count; $count++; $count -= 1; $count *= 2
$value = if ($ok) { 'yes' } else { 'no' }
$tern = $ok ? 'a' : 'b'
$nullish = $null ?? 'default'
$first, $rest = $list
$hash = @{}; $hash['key'] = 'v'; $hash.Other = 2
$script:counter = 0
${global:odd name} = 1
$output = & $settings.Script 21
$null = New-Item -ItemType Directory -Path "$env:TEMP\deploy" -Force
Get-Process -Name svchost 2>$null | Out-Null
Copy-Item -Path .\a.txt -Destination "$env:TEMP\b.txt" *>&1 | Write-Log
:outer foreach ($f in $files) {
    foreach ($g in $files) { if ($f -eq $g) { continue outer } }
}
switch -Wildcard -CaseSensitive ($Environment) {
    'pro*' { Write-Log 'production' -Level 3; break }
    { $_.Length -gt 10 } { Write-Log 'long' }
    default { Write-Log 'other' }
}
try {
    $response = Invoke-RestMethod -Uri "https://deploy.example/api/$Environment" -Method Post -Body $json -ContentType 'application/json'
}
catch [System.Net.WebException], [System.IO.IOException] {
    Write-Warning "Request failed: $($_.Exception.Message)"
}
catch {
    throw
}
finally {
    Write-Log 'request done'
}
trap [System.Management.Automation.ActionPreferenceStopException] { Write-Log $_; continue }
$job = Start-Job -ScriptBlock { param($p) Start-Sleep -Seconds $p; $using:Environment } -ArgumentList 1
Receive-Job $job -Wait -AutoRemoveJob | Out-Null
$sb = [scriptblock]::Create('Get-Date')
. $sb
Invoke-Command -ComputerName web01, web02 -ScriptBlock {
    param($Account)
    Import-Module Carbon
    Grant-CPrivilege -Identity $Account -Privilege SeServiceLogonRight
} -ArgumentList "CONTOSO\svc-$Environment"

# The two grants of this file.
$svc = 'CONTOSO\zoo-svc'
if ($PSCmdlet.ShouldProcess($svc, 'Grant impersonation')) {
    Grant-CPrivilege -Identity $svc -Privilege SeImpersonatePrivilege # want "PL1001: .*zoo-svc"
}
$pool = "IIS APPPOOL\$($settings['Pool.Name'])"
Grant-CPrivilege -Identity $pool -Privilege SeImpersonatePrivilege # want "PL1004: .*IIS APPPOOL.*iis exception"
Write-Log -Message "Done at $(Get-Date -Format t)" -Level 1
exit 0
