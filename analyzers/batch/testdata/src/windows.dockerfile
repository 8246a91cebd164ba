# escape=`
# RUN on a Windows image runs with cmd /S /C, or with what SHELL sets.
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
# want "PL1001: .*CONTOSO\\svc-run"@43
RUN ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-run
RUN ntrights +r SeAssignPrimaryTokenPrivilege `
# comment lines inside a continued instruction are dropped
    -u CONTOSO\svc-cont & REM want "PL1002: .*CONTOSO\\svc-cont"@8
RUN ntrights -r SeImpersonatePrivilege -u Everyone && echo ntrights +r SeImpersonatePrivilege -u Everyone
# The exec form runs the program itself; JSON escapes are read.
# want "PL1003: .*Everyone"
RUN ["ntrights", "+r", "SeImpersonatePrivilege", "-u", "Everyone"]
# want "PL1001: .*CONTOSO\\svc-json"@72
RUN ["C:\\Tools\\ntrights.exe", "+r", "SeImpersonatePrivilege", "-u", "CONTOSO\\svc-json"]
# Variables come from ENV and ARG at build time: privlint does not follow them.
ENV SVC_USER=CONTOSO\svc-env
# want "PL1005: .*%SVC_USER%"
RUN ntrights +r SeImpersonatePrivilege -u %SVC_USER%
# SHELL switches RUN to PowerShell.
SHELL ["powershell", "-NoProfile", "-Command", "$ErrorActionPreference = 'Stop';"]
# want "PL1001: .*CONTOSO\\svc-ps"
RUN Grant-CPrivilege -Identity 'CONTOSO\svc-ps' -Privilege SeImpersonatePrivilege
# want "PL1001: .*CONTOSO\\svc-ps-native"
RUN & ntrights.exe +r SeImpersonatePrivilege -u 'CONTOSO\svc-ps-native'
# A new stage starts with the default shell again.
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
# want "PL1001: .*CONTOSO\\svc-stage2"
RUN cmd /c "ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-stage2"
