package ansible

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
	"github.com/privlint/privlint/internal/discover"
)

// extractTests are the table of TestExtract, and the seeds of the fuzz target.
var extractTests = []struct {
	name, text, want string
}{
	{"default set", `
- win_user_right:
    name: SeImpersonatePrivilege
    users: [Administrators, 'CONTOSO\web']
`, `set SeImpersonatePrivilege@3:11 [-Administrators@4:13 -CONTOSO\web@4:30]`},
	{"add with collection, block list", `
- name: grant
  ansible.windows.win_user_right:
    name: SeAssignPrimaryTokenPrivilege
    users:
      - svc-sql
      - "NT SERVICE\\MSSQLSERVER"
    action: add
  when: x
`, `grant SeAssignPrimaryTokenPrivilege@4:11 [-svc-sql@6:9 -NT SERVICE\MSSQLSERVER@7:10]`},
	{"win_dsc", "- win_dsc:\n    resource_name: UserRightsAssignment\n    Policy: Replace_a_process_level_token\n    Identity: [a, 'b']\n    Force: yes\n",
		`set Replace_a_process_level_token@3:13 [-a@4:16 -b@4:20]`},
	{"remove", "- win_user_right: {name: SeImpersonatePrivilege, users: Everyone, action: remove}\n",
		`revoke SeImpersonatePrivilege@1:26 [-Everyone@1:57]`},
	{"comma string", "- win_user_right:\n    name: SeImpersonatePrivilege\n    users: Administrators, Local Service,svc\n",
		`set SeImpersonatePrivilege@2:11 [-Administrators@3:12 -Local Service@3:28 -svc@3:42]`},
	{"short form", "- win_user_right: name=SeImpersonatePrivilege users=\"a b,c\" action=add\n",
		`grant SeImpersonatePrivilege@1:24 [-a b@1:54 -c@1:58]`},
	{"action string", "- action: win_user_right name=SeImpersonatePrivilege users=x\n",
		`set SeImpersonatePrivilege@1:31 [-x@1:60]`},
	{"action mapping", "- local_action:\n    module: win_user_right\n    name: SeImpersonatePrivilege\n    users: [x]\n",
		`set SeImpersonatePrivilege@3:11 [-x@4:13]`},
	{"args mapping", "- win_user_right:\n  args:\n    name: SeImpersonatePrivilege\n    users: x\n",
		`set SeImpersonatePrivilege@3:11 [-x@4:12]`},
	{"play with blocks", `
- hosts: all
  vars:
    web: IIS APPPOOL\shop
  tasks:
    - block:
        - win_user_right:
            name: SeImpersonatePrivilege
            users: "{{ web }}"
            action: add
      rescue:
        - win_user_right: {name: SeImpersonatePrivilege, users: "{{ other }}", action: add}
  handlers:
    - win_user_right: {name: SeImpersonatePrivilege, users: ["x"], action: add}
`, `grant SeImpersonatePrivilege@8:19 [IIS APPPOOL\shop@4:10]
grant SeImpersonatePrivilege@12:34 [?{{ other }}@12:66]
grant SeImpersonatePrivilege@14:30 [-x@14:63]`},
	{"task vars and substitution", `
- win_user_right:
    name: SeImpersonatePrivilege
    users: "{{ dom }}\\web,{{ nope }}"
  vars:
    dom: CONTOSO
`, `set SeImpersonatePrivilege@3:11 [CONTOSO\web@4:13 ?{{ nope }}@4:28]`},
	{"list variable", `
- vars:
    accts: [a, b]
    right: SeImpersonatePrivilege
  block:
    - win_user_right: {name: "{{ right }}", users: "{{ accts }}", action: add}
    - win_user_right: {name: "{{ right }}", users: "{{ accts | join(',') }}", action: add}
`, `grant SeImpersonatePrivilege@4:12 [a@3:13 b@3:16]
grant SeImpersonatePrivilege@4:12 [a@7:53 b@7:53]`},
	{"commas in list items", `
- vars:
    accts: ["c, d", e]
  win_user_right:
    name: SeImpersonatePrivilege
    users: ["a, b", x, "{{ accts }}"]
`, `set SeImpersonatePrivilege@5:11 [-a@6:14 -b@6:17 -x@6:21 c@3:14 d@3:17 e@3:21]`},
	{"loop", `
- win_user_right:
    name: "{{ item.right }}"
    users: "{{ item.users }}"
    action: add
  loop:
    - {right: SeImpersonatePrivilege, users: [a]}
    - {right: SeAssignPrimaryTokenPrivilege, users: b}
`, `grant SeImpersonatePrivilege@7:15 [a@7:47]
grant SeAssignPrimaryTokenPrivilege@8:15 [b@8:53]`},
	{"security policy", `
- community.windows.win_security_policy:
    section: Privilege Rights
    key: SeImpersonatePrivilege
    value: '*S-1-5-19,CONTOSO\svc'
- win_security_policy: {section: System Access, key: SeImpersonatePrivilege, value: x}
`, `set SeImpersonatePrivilege@4:10 [-*S-1-5-19@5:13 -CONTOSO\svc@5:23]`},
	{"lineinfile", `
- win_lineinfile:
    path: C:\sec.inf
    line: SeImpersonatePrivilege = *S-1-5-6,svc
- win_lineinfile: {path: x, line: "SeImpersonatePrivilege = svc", state: absent}
- win_lineinfile: {path: x, line: "Other = svc"}
`, `set SeImpersonatePrivilege@4:11 [-*S-1-5-6@4:36 -svc@4:45]`},
	{"copy content", `
- win_copy:
    dest: C:\sec.inf
    content: |
      [Unicode]
      Unicode=yes
      [Privilege Rights]
      SeImpersonatePrivilege = *S-1-5-19,{{ svc }}
`, `set SeImpersonatePrivilege@8:7 scoped [-*S-1-5-19@8:32 ?{{ svc }}@8:42]`},
	{"shell scripts", `
- win_shell: ntrights +r SeImpersonatePrivilege -u svc
- ansible.windows.win_powershell:
    script: |
      Grant-CPrivilege -Identity 'CONTOSO\app' -Privilege SeImpersonatePrivilege
- win_command: ntrights.exe -u "{{ user }}" +r SeAssignPrimaryTokenPrivilege
- win_shell: ntrights +r SeImpersonatePrivilege -u x
  args:
    executable: cmd
`, `grant SeImpersonatePrivilege@2:26 [svc@2:52]
grant SeImpersonatePrivilege@5:59 [CONTOSO\app@5:35]
grant SeAssignPrimaryTokenPrivilege@6:48 [?{{ user }}@6:33]
grant SeImpersonatePrivilege@7:26 [x@7:52]`},
	{"not ansible", "key: value\nlist: [1, 2]\nwin_user_right_thing: 3\n", ``},
	{"bad yaml mentioning rights", "- win_user_right:\n  name: [SeImpersonatePrivilege\n", `problem@2:1: not valid YAML...`},
	{"bad yaml elsewhere", "a: {{ .Values.x }}\n  b: c\n", ``},
}

func TestExtract(t *testing.T) {
	for _, tt := range extractTests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("play.yml", source.LangYAML, tt.text)
			got := checktest.Render(f, Extract(f))
			if !checktest.Matches(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// extractBeside extracts f with the files beside it read as a scan of roots reads them.
func extractBeside(t *testing.T, f *source.File, roots []string, maxSize int64, exclude func(string) bool) string {
	t.Helper()
	rd := discover.NewReader(roots, maxSize, exclude)
	defer rd.Close()
	f.ReadBeside = func(name string) ([]byte, error) { return rd.ReadBeside(f.Name, name) }
	return checktest.Render(f, Extract(f))
}

// writeTree writes files under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, text := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const roleTask = "- win_user_right: {name: SeImpersonatePrivilege, users: \"{{ imp }}\"}\n- win_user_right: {name: SeImpersonatePrivilege, users: \"{{ over }}\", action: add}\n- win_template: {src: sec.inf.j2, dest: C:\\s.inf}\n"

func TestRoleVariables(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"roles/web/defaults/main.yml":    "imp: Administrators,Service,{{ extra }}\nextra: svc-web\nover: default\n",
		"roles/web/vars/main.yml":        "over: vars\n",
		"roles/web/templates/sec.inf.j2": "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-6,{{ over }},{{ missing }}\n",
		"roles/web/tasks/sub/main.yml":   roleTask,
	})
	want := `set SeImpersonatePrivilege@1:26 [Administrators@1:58 Service@1:58 svc-web@1:58]
grant SeImpersonatePrivilege@2:26 [vars@2:58]
set SeImpersonatePrivilege@3:23 scoped [*S-1-5-6@3:23 vars@3:23 ?{{ missing }}@3:23]`
	task := filepath.Join(dir, "roles/web/tasks/sub/main.yml")
	// The repository scanned, the task file named on the command line, or a directory of the role
	// named: the role's files are read in each case.
	for _, root := range []string{dir, task, filepath.Join(dir, "roles/web/tasks")} {
		f := newFile(task, source.LangYAML, roleTask)
		if got := extractBeside(t, f, []string{root}, 0, nil); got != want {
			t.Errorf("scan of %s: got\n%s\nwant\n%s", root, got, want)
		}
	}
	// Outside a role, nothing resolves.
	f := newFile(filepath.Join(dir, "main.yml"), source.LangYAML, roleTask)
	if got := extractBeside(t, f, []string{dir}, 0, nil); !strings.Contains(got, "?{{ imp }}") {
		t.Errorf("outside a role:\n%s", got)
	}
	// Without a reader, nothing beside the file is read, and that is no problem.
	f = newFile(task, source.LangYAML, roleTask)
	if got := checktest.Render(f, Extract(f)); got != "set SeImpersonatePrivilege@1:26 [?{{ imp }}@1:58]\ngrant SeImpersonatePrivilege@2:26 [?{{ over }}@2:58]" {
		t.Errorf("without a reader:\n%s", got)
	}
}
