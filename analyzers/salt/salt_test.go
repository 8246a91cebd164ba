package salt

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// extractTests are the table of TestExtract, and the seeds of the fuzz target.
var extractTests = []struct {
	name, text, want string
}{
	{"display name, cumulative by default", `
rights:
  lgpo.set:
    - computer_policy:
        Impersonate a client after authentication:
          - Administrators
          - CONTOSO\web
        Minimum password length: 14
`, `grant Impersonate a client after authentication@5:9 [-Administrators@6:13 -CONTOSO\web@7:13]`},
	{"constant, explicit", `
rights:
  lgpo.set:
    - cumulative_rights_assignments: False
    - computer_policy:
        SeAssignPrimaryTokenPrivilege: ['LOCAL SERVICE', svc]
`, `set SeAssignPrimaryTokenPrivilege@6:9 [-LOCAL SERVICE@6:42 -svc@6:58]`},
	{"name and setting, name from the ID", `
SeImpersonatePrivilege:
  lgpo.set:
    - setting: a, b
    - policy_class: machine
other:
  lgpo:
    - set
    - name: Replace a process level token
    - setting: [x]
    - policy_class: Machine
user:
  lgpo.set:
    - name: SeImpersonatePrivilege
    - setting: [u]
    - policy_class: User
`, `grant SeImpersonatePrivilege@2:1 [-a@4:16 -b@4:19]
grant Replace a process level token@9:13 [-x@10:17]`},
	{"jinja", `
{% set users = salt['pillar.get']('rights:users', []) %}
rights:
  lgpo.set:
    - computer_policy:
        SeImpersonatePrivilege:
          {% for u in users %}
          - {{ u }}
          {% endfor %}
          - "{{ pillar['svc'] }}"
          - CONTOSO\{{ grains['id'] }}
`, `grant SeImpersonatePrivilege@6:9 [?{{ u }}@8:13 ?{{ pillar['svc'] }}@10:14 ?CONTOSO\{{ grains['id'] }}@11:13]`},
	{"misspelled right", "r:\n  lgpo.set:\n    - computer_policy:\n        SeImpersonatePrivlege: [x]\n",
		`grant SeImpersonatePrivlege@4:9 [-x@4:33]`},
	{"other renderer", "#!py\ndef run():\n  return {}\n", ``},
	{"bad yaml", "r:\n  lgpo.set:\n    - computer_policy: {SeImpersonatePrivilege: [x}\n", `problem@3:...`},
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			f := checktest.NewFile("init.sls", source.LangSalt, tt.text)
			if got := checktest.Render(f, Extract(f)); !checktest.Matches(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
