# RUN on a Linux image runs with /bin/sh -c.
FROM ubuntu:24.04
# want "PL1001: .*CONTOSO\\svc-wine"
RUN apt-get update && wine ntrights.exe +r SeImpersonatePrivilege -u 'CONTOSO\svc-wine'
# want "PL1001: .*CONTOSO\\a" "PL1001: .*CONTOSO\\b"
RUN for u in 'CONTOSO\a' 'CONTOSO\b'; do \
      editrights -a SeImpersonatePrivilege -u "$u"; \
    done
RUN editrights -a SeImpersonatePrivilege \
# this comment line is dropped
    -u 'CONTOSO\svc-cmt' # want "PL1001: .*CONTOSO\\svc-cmt"
RUN --mount=type=cache,target=/var/cache editrights -a SeImpersonatePrivilege -u "$SVC" # want "PL1005: .*\$SVC"
# The exec form runs the program itself.
RUN ["editrights", "-a", "SeImpersonatePrivilege", "-u", "CONTOSO\\svc-exec"] # not JSON: read as a shell command
# want "PL1001: .*CONTOSO\\svc-exec2"
RUN ["editrights", "-a", "SeImpersonatePrivilege", "-u", "CONTOSO\\svc-exec2"]
