@echo off
REM Provision the build agents: the agent service starts jobs under other tokens.
set AGENT=CONTOSO\svc-buildagent
set TOOLS=%~dp0tools

"%TOOLS%\ntrights.exe" +r SeServiceLogonRight -u %AGENT%
"%TOOLS%\ntrights.exe" +r SeAssignPrimaryTokenPrivilege -u %AGENT%

REM Remove what an old script granted.
ntrights -r SeImpersonatePrivilege -u Everyone
echo ntrights +r SeImpersonatePrivilege -u Everyone is what we used to do
