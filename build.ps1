#!/usr/bin/env pwsh
<#
.SYNOPSIS
    PerpGuard build dispatcher: a thin, typed layer over `dotnet` with a real exit code.

.DESCRIPTION
    dotnet tool restore; dotnet pwsh build.ps1 <task>

      build      Build the solution (headless stand-in API unless -AutomateApi cTrader).
      test       Run every test (dotnet test Plugins.sln). -Deep runs 10,000 cases per FsCheck property.
      bench      BenchmarkDotNet benchmarks in Release. Extra arguments go to BenchmarkDotNet
                 (e.g. build.ps1 bench --filter '*Simulator*' --job short).
      backtest   Headless backtest of RiskManagedScalper on the embedded generated data (the main job).
      package    Build the .algo files with the real cTrader.Automate package (Windows only).
      install    Copy the .algo files into cTrader's algo folders (Windows only; supports -WhatIf).
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'bench', 'backtest', 'package', 'install')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    [ValidateSet('Headless', 'cTrader')]
    [string] $AutomateApi = 'Headless',

    # test: 10,000 FsCheck cases per property instead of 1,000.
    [switch] $Deep,

    # bench: arguments passed to BenchmarkDotNet. Also taken from the end of the command line
    # (`build.ps1 bench --filter '*Simulator*'`), which works from any shell; '-BenchArgs a,b' is split
    # on commas because `pwsh -File` (how bash runs the script) passes it as one string.
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $BenchArgs = @(),

    # backtest: output folder.
    [string] $Out = 'out/backtest',

    # install: cTrader's documents folder (default: Documents\cAlgo).
    [string] $CTraderFolder = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location $PSScriptRoot

$Algos = @(
    @{ Kind = 'Robots'; Name = 'RiskManagedScalper' },
    @{ Kind = 'Robots'; Name = 'TradeGuardian' },
    @{ Kind = 'Indicators'; Name = 'AtrStopDistance' },
    @{ Kind = 'Indicators'; Name = 'LiquidationLevels' }
)

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments = $true)] [string[]] $Arguments)
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor DarkGray
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE."
    }
}

function Assert-Windows([string] $what) {
    if (-not $IsWindows) {
        throw "'$what' needs Windows: the cTrader.Automate package and cTrader desktop exist only there. On this machine use 'build', 'test', 'bench' or 'backtest'."
    }
}

try {
    # Extra words belong to 'bench' only; anywhere else they are a typo, not something to ignore.
    if ($Task -ne 'bench' -and $BenchArgs.Count -gt 0) {
        throw "Unknown arguments for '$Task': $($BenchArgs -join ' ')"
    }

    switch ($Task) {
        'build' {
            Invoke-Dotnet build Plugins.sln -c $Configuration "-p:AutomateApi=$AutomateApi"
        }
        'test' {
            if ($Deep) { $env:PERPGUARD_PROPERTY_CASES = '10000' }
            Invoke-Dotnet test Plugins.sln -c $Configuration
        }
        'bench' {
            $benchArguments = @('run', '--project', 'Tests/PerpGuard.Benchmarks', '-c', 'Release', '--')
            $BenchArgs = @($BenchArgs | ForEach-Object { $_ -split ',' } | Where-Object { $_ -ne '' })
            if ($BenchArgs.Count -eq 0) { $benchArguments += @('--filter', '*') } else { $benchArguments += $BenchArgs }
            Invoke-Dotnet @benchArguments
        }
        'backtest' {
            Invoke-Dotnet run --project Tools/PerpGuard.Cli -c Release -- backtest --robot RiskManagedScalper --out $Out
        }
        'package' {
            Assert-Windows 'package'
            foreach ($algo in $Algos) {
                $project = Join-Path $algo.Kind (Join-Path $algo.Name "$($algo.Name).csproj")
                Invoke-Dotnet build $project -c Release -p:AutomateApi=cTrader -p:AlgoPublish=False -o (Join-Path 'artifacts' $algo.Name)
            }
        }
        'install' {
            Assert-Windows 'install'
            if (-not $CTraderFolder) { $CTraderFolder = Join-Path ([Environment]::GetFolderPath('MyDocuments')) 'cAlgo' }
            foreach ($algo in $Algos) {
                $file = Join-Path 'artifacts' (Join-Path $algo.Name "$($algo.Name).algo")
                if (-not (Test-Path $file)) { throw "$file is missing: run 'build.ps1 package' first." }
                $target = Join-Path $CTraderFolder (Join-Path 'Sources' $algo.Kind)
                if ($PSCmdlet.ShouldProcess($target, "Copy $($algo.Name).algo")) {
                    New-Item -ItemType Directory -Force -Path $target | Out-Null
                    Copy-Item $file -Destination $target -Force
                }
            }
        }
    }
}
catch {
    Write-Host "build.ps1 ${Task}: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
exit 0
