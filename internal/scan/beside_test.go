package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestMayReadBeside analyzes an Ansible role's task file, whose account is a variable of the role's
// vars/main.yml: read, the account is known; refused by MayReadBeside (asked with that file's path),
// it is reported as unresolved, and the file is not read.
func TestMayReadBeside(t *testing.T) {
	dir := t.TempDir()
	tasks := filepath.Join(dir, "roles", "web", "tasks", "main.yml")
	vars := filepath.Join(dir, "roles", "web", "vars", "main.yml")
	task := []byte("- win_user_right:\n    name: SeImpersonatePrivilege\n    users: \"{{ svc }}\"\n    action: add\n")
	for _, err := range []error{
		os.MkdirAll(filepath.Dir(tasks), 0o755),
		os.MkdirAll(filepath.Dir(vars), 0o755),
		os.WriteFile(tasks, task, 0o644),
		os.WriteFile(vars, []byte("svc: CONTOSO\\web\n"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		allow   bool
		account string
	}{{true, `CONTOSO\web`}, {false, "{{ svc }}"}} {
		var asked []string
		opts := Options{Stdin: &Stdin{Name: tasks, Data: task}, MayReadBeside: func(p string) bool {
			asked = append(asked, p)
			return tc.allow
		}}
		res, err := Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Account != tc.account {
			t.Errorf("allowed %v: findings %+v, want one for %s", tc.allow, res.Findings, tc.account)
		}
		if len(asked) == 0 || asked[0] != vars {
			t.Errorf("allowed %v: asked about %q, want %s first", tc.allow, asked, vars)
		}
	}
}
