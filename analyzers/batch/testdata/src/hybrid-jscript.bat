@if (@CodeSection == @Batch) @then
@echo off
REM A batch/JScript hybrid. cmd.exe reads a batch file a line at a time as it runs it, so it never
REM reads the JScript after exit /b; the section that CALL reaches is analyzed.
call :grant CONTOSO\svc-hybrid
cscript //nologo //e:jscript "%~f0" %*
exit /b %errorlevel%

:grant
REM want "PL1001: .*CONTOSO\\svc-hybrid"
ntrights +r SeImpersonatePrivilege -u CONTOSO\svc-hybrid
REM want "PL1002: .*CONTOSO\\svc-hybrid" related "via call of :grant"@5
ntrights +r SeAssignPrimaryTokenPrivilege -u %1
goto :eof

:: No GOTO or CALL names this label: what follows it is never read either.
:unused
@end
// JScript, which is not batch: read as batch, these lines would be FOR commands cmd.exe does
// not understand and parentheses never closed.
for (var i = 0; i < WScript.Arguments.length; i++) {
	WScript.Echo("(" + WScript.Arguments.Item(i));
}
if (WScript.Arguments.length == 0) (
	WScript.Quit(1)
