package discover

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privlint/privlint/internal/confine"
)

// noHang runs f, failing the test when it blocks (on a FIFO).
func noHang(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("blocked reading a FIFO")
	}
}

// readerTree writes a repository with a role, links out of it (to a file and to a directory
// outside that hold a secret), a FIFO, and returns it with the directory outside.
func readerTree(t *testing.T) (repo, outside string) {
	t.Helper()
	repo, outside = t.TempDir(), t.TempDir()
	for name, text := range map[string]string{
		"repo/a.inf":                          "[Privilege Rights]",
		"repo/roles/web/tasks/main.yml":       "- debug: {}",
		"repo/roles/web/vars/main.yml":        "over: vars",
		"repo/roles/web/templates/x.j2":       "template",
		"repo/roles/web/tasks/templates/y.j2": "beside",
		"outside/secret":                      "token",
		"outside/sub/main.yml":                "token",
	} {
		base := repo
		if strings.HasPrefix(name, "outside/") {
			base = outside
		}
		p := filepath.Join(base, strings.SplitN(name, "/", 2)[1])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{
		os.Symlink(filepath.Join(outside, "secret"), filepath.Join(repo, "link.inf")),
		os.Symlink(filepath.Join(outside, "sub"), filepath.Join(repo, "roles/web/defaults")),
		os.Symlink(filepath.Join(outside, "secret"), filepath.Join(repo, "roles/web/templates/secret.j2")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	mkfifo(t, filepath.Join(repo, "fifo.inf"))
	return repo, outside
}

func TestReaderReadFile(t *testing.T) {
	repo, outside := readerTree(t)
	exclude := func(p string) bool { return strings.HasSuffix(p, "excluded.inf") }
	rd := NewReader([]string{repo, filepath.Join(repo, "link.inf")}, 100, exclude)
	defer rd.Close()
	for _, tt := range []struct {
		path string
		want error // nil: read
	}{
		{filepath.Join(repo, "a.inf"), nil},
		{filepath.Join(repo, "link.inf"), confine.ErrSymlink},                      // named, and a link
		{filepath.Join(repo, "roles/web/defaults/main.yml"), confine.ErrSymlink},   // through a link to a directory
		{filepath.Join(repo, "roles/web/templates/secret.j2"), confine.ErrSymlink}, // found in the tree, a link
		{filepath.Join(repo, "fifo.inf"), confine.ErrNotRegular},
		{filepath.Join(outside, "secret"), ErrOutside},
		{filepath.Join(repo, "excluded.inf"), ErrExcluded},
		{filepath.Join(repo, "missing.inf"), fs.ErrNotExist},
	} {
		noHang(t, func() {
			data, err := rd.ReadFile(tt.path)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("ReadFile(%s) error = %v, want %v", tt.path, err, tt.want)
			}
			if bytes.Contains(data, []byte("token")) {
				t.Errorf("ReadFile(%s) read outside the tree", tt.path)
			}
		})
	}
}

// TestReaderReadBeside checks the tree files beside another are read in: the scan root holding
// the file, widened to the file's Ansible role when the path named lies inside the role.
func TestReaderReadBeside(t *testing.T) {
	repo, outside := readerTree(t)
	task := filepath.Join(repo, "roles/web/tasks/main.yml")
	vars := filepath.Join(repo, "roles/web/vars/main.yml")
	for _, tt := range []struct {
		name   string
		roots  []string
		of     string
		beside string
		want   error // nil: read
	}{
		{"repository scanned", []string{repo}, task, vars, nil},
		{"task file named", []string{task}, task, vars, nil},
		{"tasks directory named", []string{filepath.Join(repo, "roles/web/tasks")}, task, vars, nil},
		{"beside the named file", []string{task}, task, filepath.Join(repo, "roles/web/tasks/templates/y.j2"), nil},
		{"named file outside a role", []string{filepath.Join(repo, "roles/web/templates/x.j2")}, filepath.Join(repo, "roles/web/templates/x.j2"), vars, ErrOutside},
		{"role inside the root", []string{repo}, task, filepath.Join(repo, "a.inf"), nil},
		{"climbing out", []string{repo}, task, filepath.Join(repo, "..", filepath.Base(outside), "secret"), ErrOutside},
		{"climbing out of the role", []string{task}, task, filepath.Join(repo, "a.inf"), ErrOutside},
		{"link to a directory outside", []string{repo}, task, filepath.Join(repo, "roles/web/defaults/main.yml"), confine.ErrSymlink},
		{"link to a file outside", []string{task}, task, filepath.Join(repo, "roles/web/templates/secret.j2"), confine.ErrSymlink},
		{"FIFO", []string{repo}, task, filepath.Join(repo, "fifo.inf"), confine.ErrNotRegular},
		{"file not scanned", []string{repo}, filepath.Join(outside, "x.yml"), filepath.Join(outside, "secret"), ErrOutside},
		{"absent", []string{repo}, task, filepath.Join(repo, "roles/web/vars/main.yaml"), fs.ErrNotExist},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rd := NewReader(tt.roots, 0, nil)
			defer rd.Close()
			noHang(t, func() {
				data, err := rd.ReadBeside(tt.of, tt.beside)
				if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
					t.Errorf("ReadBeside error = %v, want %v", err, tt.want)
				}
				if bytes.Contains(data, []byte("token")) {
					t.Error("read outside the tree")
				}
			})
		})
	}

	// The size limit and the excludes hold beside too.
	rd := NewReader([]string{repo}, 5, func(p string) bool { return strings.HasSuffix(p, ".j2") })
	defer rd.Close()
	var tooLarge *confine.TooLargeError
	if _, err := rd.ReadBeside(task, vars); !errors.As(err, &tooLarge) {
		t.Errorf("over the size limit: %v", err)
	}
	if _, err := rd.ReadBeside(task, filepath.Join(repo, "roles/web/templates/x.j2")); !errors.Is(err, ErrExcluded) {
		t.Errorf("excluded: %v", err)
	}
}

// TestReaderRewrite replaces files of the tree for --fix.
func TestReaderRewrite(t *testing.T) {
	repo, outside := readerTree(t)
	long := filepath.Join(repo, strings.Repeat("n", 251)+".inf") // a 255-byte name
	if err := os.WriteFile(long, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	rd := NewReader([]string{repo}, 0, nil)
	defer rd.Close()
	if err := rd.Rewrite(long, []byte("old"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(long); string(b) != "new" {
		t.Errorf("rewritten: %q", b)
	}
	if info, _ := os.Stat(long); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode())
	}
	a := filepath.Join(repo, "a.inf")
	if err := rd.Rewrite(a, []byte("not what the scan read"), []byte("new")); !errors.Is(err, ErrChanged) {
		t.Errorf("a file changed since the scan: %v", err)
	}
	if err := os.Chmod(a, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := rd.Rewrite(a, []byte("[Privilege Rights]"), []byte("new")); !errors.Is(err, confine.ErrReadOnly) {
		t.Errorf("a read-only file: %v", err)
	}
	if err := rd.Rewrite(filepath.Join(repo, "link.inf"), []byte("token"), []byte("new")); !errors.Is(err, confine.ErrSymlink) {
		t.Errorf("a link: %v", err)
	}
	if err := rd.Rewrite(filepath.Join(repo, "roles/web/defaults/main.yml"), []byte("token"), []byte("new")); !errors.Is(err, confine.ErrSymlink) {
		t.Errorf("through a link to a directory: %v", err)
	}
	if err := rd.Rewrite(filepath.Join(outside, "secret"), []byte("token"), []byte("new")); !errors.Is(err, ErrOutside) {
		t.Errorf("outside the tree: %v", err)
	}
	for _, p := range []string{filepath.Join(outside, "secret"), filepath.Join(outside, "sub/main.yml")} {
		if b, _ := os.ReadFile(p); string(b) != "token" {
			t.Errorf("%s written: %q", p, b)
		}
	}
	if b, _ := os.ReadFile(a); string(b) != "[Privilege Rights]" {
		t.Errorf("the read-only file was written: %q", b)
	}
}
