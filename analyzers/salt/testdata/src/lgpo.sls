# Salt lgpo.set: cumulative_rights_assignments (true by default) adds the accounts listed; false makes
# them the only ones holding the right.
{% set web_account = salt['pillar.get']('web:account') %}

impersonate-by-display-name:
  lgpo.set:
    - computer_policy:
        Impersonate a client after authentication:
          - Administrators
          # want "PL1001: SeImpersonatePrivilege is given to CONTOSO\\salt-web"
          - CONTOSO\salt-web
        Minimum password length: 14

token-by-constant-explicit:
  lgpo.set:
    - cumulative_rights_assignments: False
    - computer_policy:
        # want "PL2003: SeAssignPrimaryTokenPrivilege is set without .*NETWORK SERVICE"
        SeAssignPrimaryTokenPrivilege:
          - LOCAL SERVICE

safe-explicit:
  lgpo.set:
    - cumulative_rights_assignments: False
    - computer_policy:
        SeImpersonatePrivilege: [Administrators, SERVICE, LOCAL SERVICE, NETWORK SERVICE]

jinja-values:
  lgpo.set:
    - computer_policy:
        SeImpersonatePrivilege:
          {% for account in salt['pillar.get']('extra_accounts', []) %}
          # want "PL1005: .*\{\{ account \}\}"
          - {{ account }}
          {% endfor %}
          # want "PL1005: .*\{\{ web_account \}\}"
          - "{{ web_account }}"

# The state's ID is the policy name when no name is given.
Replace a process level token:
  lgpo.set:
    # want "PL1003: .*Everyone.*broad group"
    - setting: LOCAL SERVICE, NETWORK SERVICE, Everyone
    - policy_class: Machine

misspelled:
  lgpo:
    - set
    - computer_policy:
        # want "PL2001: \"SeImpersonatePrivlege\" is not a right"
        SeImpersonatePrivlege: [svc]

partly-known:
  lgpo.set:
    - computer_policy:
        # A domain known only at run time: the written name decides.
        # want "PL1001: .*\{\{ grains\['domain'\] \}\}.salt-svc, outside the safe set"
        SeImpersonatePrivilege: ["{{ grains['domain'] }}\\salt-svc"]
