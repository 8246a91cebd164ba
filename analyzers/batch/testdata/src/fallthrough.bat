@echo off
REM A label the file falls into without a jump runs there too, with the script's own %1.
call :grant CONTOSO\svc-again
:grant
REM want "PL1001: .*CONTOSO\\svc-again" related "via call of :grant"@3
REM want "PL1005: .*%1, which" related none
ntrights +r SeImpersonatePrivilege -u %1
goto :eof
