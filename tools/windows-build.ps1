<#
.SYNOPSIS
    Build, test and package Báo cáo CCHC on any Windows 10/11 PC: the same steps as
    .github/workflows/windows.yml (keep the two in step; tests/unit/test_windows_workflow.py checks).

.DESCRIPTION
    Needs Python 3.11 64-bit (py launcher) and Inno Setup 6 (winget install JRSoftware.InnoSetup);
    run from the repository root in PowerShell:

        powershell -ExecutionPolicy Bypass -File tools\windows-build.ps1

    Output: dist\bao-cao-cchc\ (the program folder), dist\bao-cao-cchc-windows.zip (portable),
    dist\bao-cao-cchc-<version>-windows-setup.exe (the installer). See docs\windows.md.

.PARAMETER SkipTests
    Do not run the core tests (the build and both self-tests still run).
.PARAMETER SkipInstaller
    Stop after the portable ZIP (no Inno Setup on this PC).
.PARAMETER SkipInstallCheck
    Do not install the installer silently to check it (it installs into a temporary folder and
    uninstalls again).
#>
[CmdletBinding()]
param(
    [switch]$SkipTests,
    [switch]$SkipInstaller,
    [switch]$SkipInstallCheck
)

$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$env:PYTHONUTF8 = "1"
$env:PYTHONIOENCODING = "utf-8"
$env:QT_QPA_PLATFORM = "offscreen"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"

function Step([string]$what) { Write-Host "`n== $what" -ForegroundColor Cyan }
function Check([string]$what) { if ($LASTEXITCODE -ne 0) { throw "$what exited with $LASTEXITCODE" } }

Step "Install the pinned dependencies (Python 3.11, 64-bit)"
if (-not (Test-Path .venv\Scripts\python.exe)) {
    py -3.11-64 -m venv .venv; Check "py -3.11-64 -m venv"
}
.venv\Scripts\python -m pip install -c constraints.txt "pip>=24"; Check "pip install pip"
.venv\Scripts\python -m pip install -c constraints.txt -e ".[dev]"; Check "pip install -e .[dev]"
.venv\Scripts\python -c "import struct, sys; print(sys.version); assert struct.calcsize('P') == 8, 'not a 64-bit Python'"
Check "the 64-bit check"

Step "Compile the translations"
.venv\Scripts\python -m desktop.i18n_build; Check "desktop.i18n_build"

if (-not $SkipTests) {
    Step "Core tests (forms, reports)"
    .venv\Scripts\python -m pytest -q -m "not gui and not smoke and not crash and not posix_only" tests\unit tests\property
    Check "pytest"
}

Step "Build the bundle with build.spec"
.venv\Scripts\pyinstaller --noconfirm --clean build.spec; Check "pyinstaller"

Step "Self-test of the window program (bao-cao-cchc.exe --self-test)"
# A windowed program: piping makes PowerShell wait for it and show what it prints.
$out = & dist\bao-cao-cchc\bao-cao-cchc.exe --self-test | Out-String
$code = $LASTEXITCODE
Write-Output $out
if ($code -ne 0) { throw "bao-cao-cchc.exe --self-test exited with $code" }

Step "Self-test of the command line (cchc.exe self-test)"
dist\bao-cao-cchc\cchc.exe --version; Check "cchc.exe --version"
dist\bao-cao-cchc\cchc.exe self-test; Check "cchc.exe self-test"

Step "Sizes, crash handler and start time"
.venv\Scripts\python -m bench.smoke dist\bao-cao-cchc; Check "bench.smoke"

Step "Portable ZIP"
Compress-Archive -Path dist\bao-cao-cchc -DestinationPath dist\bao-cao-cchc-windows.zip -Force

if (-not $SkipInstaller) {
    Step "Compile the Inno Setup installer"
    $iscc = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    ) | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $iscc) { throw "Inno Setup 6 is not installed: winget install JRSoftware.InnoSetup (or use -SkipInstaller)" }
    & $iscc installer\bao-cao-cchc.iss; Check "ISCC"

    if (-not $SkipInstallCheck) {
        Step "Install silently, run the installed program, uninstall"
        $setup = Get-ChildItem dist\bao-cao-cchc-*-windows-setup.exe | Sort-Object LastWriteTime | Select-Object -Last 1
        $target = Join-Path $env:TEMP "BaoCaoCCHC-install-check"
        Start-Process -Wait -FilePath $setup.FullName -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/DIR=$target"
        & "$target\cchc.exe" --version; Check "the installed cchc.exe"
        Start-Process -Wait -FilePath "$target\unins000.exe" -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES"
        # The uninstaller finishes from a copy of itself in %TEMP%: give it time.
        for ($i = 0; ($i -lt 60) -and (Test-Path "$target\cchc.exe"); $i++) { Start-Sleep -Milliseconds 500 }
        if (Test-Path "$target\cchc.exe") { throw "the uninstaller left the program behind" }
    }
}

Step "Sizes of what is handed out"
Get-ChildItem dist\bao-cao-cchc-windows.zip, dist\bao-cao-cchc-*-windows-setup.exe -ErrorAction SilentlyContinue |
    ForEach-Object { "{0}: {1:N1} MB" -f $_.Name, ($_.Length / 1MB) }
$unpacked = (Get-ChildItem -Recurse dist\bao-cao-cchc | Measure-Object -Sum Length).Sum
"unpacked: {0:N1} MB" -f ($unpacked / 1MB)
Write-Host "`nDone: dist\bao-cao-cchc-windows.zip and the installer in dist\" -ForegroundColor Green
