# CRLF line endings, and a state extended from another file.
include:
  - baseline

extend:
  baseline-rights:
    lgpo.set:
      - cumulative_rights_assignments: false
      - computer_policy:
          # want "PL1001: SeImpersonatePrivilege is given to .*S-1-5-21-1-2-3-1104"@89
          SeImpersonatePrivilege: "Administrators,SERVICE,LOCAL SERVICE,NETWORK SERVICE,*S-1-5-21-1-2-3-1104"
