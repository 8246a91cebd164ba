//go:build unix

package ansible

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privlint/privlint/analyzers/source"
)

// TestRoleFilesConfined checks that the role's files and templates are read only inside the
// scanned tree, never through a symbolic link, within the size limit and the excludes, and that
// every file refused is a problem naming it: a value from a file outside never reaches a finding.
func TestRoleFilesConfined(t *testing.T) {
	const secret = "s3cr3t-registry-token"
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"config.json":   "over: " + secret + "\nimp: " + secret + "\n",
		"vars/main.yml": "over: " + secret + "\n",
		"sec.inf.j2":    "[Privilege Rights]\nSeImpersonatePrivilege = " + secret + "\n",
	})
	link := func(t *testing.T, target, name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name    string
		setup   func(t *testing.T, dir string)
		task    string
		maxSize int64
		exclude string
		want    []string // problems, as regular expressions
	}{
		{name: "vars file linked outside", task: roleTask, setup: func(t *testing.T, dir string) {
			link(t, filepath.Join(outside, "config.json"), filepath.Join(dir, "roles/web/vars/main.yml"))
		}, want: []string{`problem@1:1: not read: .*roles/web/vars/main.yml: symbolic link; not followed`}},
		{name: "vars directory linked outside", task: roleTask, setup: func(t *testing.T, dir string) {
			link(t, filepath.Join(outside, "vars"), filepath.Join(dir, "roles/web/vars"))
		}, want: []string{`problem@1:1: not read: .*roles/web/vars/main.yml: symbolic link; not followed`}},
		{name: "vars file a FIFO", task: roleTask, setup: func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "roles/web/vars"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(filepath.Join(dir, "roles/web/vars/main.yml"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: []string{`problem@1:1: not read: .*roles/web/vars/main.yml: not a regular file \(a named pipe\)`}},
		{name: "vars file too large", task: roleTask, maxSize: 10, setup: func(t *testing.T, dir string) {
			writeTree(t, dir, map[string]string{"roles/web/vars/main.yml": "over: " + secret + "\n"})
		}, want: []string{`problem@1:1: not read: .*roles/web/vars/main.yml: file is 28 bytes, over the 10-byte limit`}},
		{name: "vars file excluded", task: roleTask, exclude: "vars/main.yml", setup: func(t *testing.T, dir string) {
			writeTree(t, dir, map[string]string{"roles/web/vars/main.yml": "over: " + secret + "\n"})
		}, want: []string{`problem@1:1: not read: .*roles/web/vars/main.yml: excluded by the configuration`}},
		{name: "template linked outside", task: roleTask, setup: func(t *testing.T, dir string) {
			link(t, filepath.Join(outside, "sec.inf.j2"), filepath.Join(dir, "roles/web/templates/sec.inf.j2"))
		}, want: []string{`problem@3:23: not read: .*roles/web/templates/sec.inf.j2: symbolic link; not followed`}},
		{name: "template climbing out", task: "- win_template: {src: ../../../../../../../../../../../../" + strings.TrimPrefix(outside, "/") + "/sec.inf.j2, dest: C:\\s.inf}\n",
			setup: func(*testing.T, string) {}, want: []string{`problem@1:23: not read: .*sec.inf.j2: outside the scanned tree`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			task := filepath.Join(dir, "roles/web/tasks/main.yml")
			writeTree(t, dir, map[string]string{"roles/web/tasks/main.yml": tt.task})
			var exclude func(string) bool
			if tt.exclude != "" {
				exclude = func(p string) bool { return strings.HasSuffix(filepath.ToSlash(p), tt.exclude) }
			}
			done := make(chan string)
			go func() {
				f := newFile(task, source.LangYAML, tt.task)
				done <- extractBeside(t, f, []string{dir}, tt.maxSize, exclude)
			}()
			var got string
			select {
			case got = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("reading the role's files hangs")
			}
			if strings.Contains(got, secret) {
				t.Errorf("a value from a file that must not be read shows:\n%s", got)
			}
			for _, re := range tt.want {
				if !regexp.MustCompile(`(?m)^` + re + `$`).MatchString(got) {
					t.Errorf("no problem %q in\n%s", re, got)
				}
			}
		})
	}
}
