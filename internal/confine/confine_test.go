//go:build unix

package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f, failing the test when it does not return in time: a read that blocks on a FIFO
// must fail the test, not hang it.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("blocked: a FIFO or device was opened or read")
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// hostile writes a tree with a file, links out of it (to a file and to a directory), a FIFO, and
// a file outside holding a secret; it returns the tree and the directory outside.
func hostile(t *testing.T) (tree, outside string) {
	tree, outside = t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "secret"), "token")
	write(t, filepath.Join(outside, "sub", "secret"), "token")
	write(t, filepath.Join(tree, "a", "ok.txt"), "ok")
	must(t, os.Symlink(filepath.Join(outside, "secret"), filepath.Join(tree, "a", "file-link")))
	must(t, os.Symlink(filepath.Join(outside, "sub"), filepath.Join(tree, "dir-link")))
	must(t, os.Symlink("ok.txt", filepath.Join(tree, "a", "inside-link")))
	must(t, syscall.Mkfifo(filepath.Join(tree, "a", "fifo"), 0o644))
	return tree, outside
}

// TestDirReadFile reads below a directory with openat2 and with the walk of one openat per
// component (Linux uses the second when the first is missing).
func TestDirReadFile(t *testing.T) {
	for _, walk := range []bool{false, true} {
		name := "openat2"
		if walk {
			name = "walk"
		}
		t.Run(name, func(t *testing.T) {
			if walk {
				setNoOpenat2(t)
			}
			tree, _ := hostile(t)
			d, err := OpenDir(tree)
			must(t, err)
			defer d.Close()
			for _, tt := range []struct {
				rel  string
				want error // nil: reads "ok"
			}{
				{"a/ok.txt", nil},
				{"a/../a/ok.txt", nil},
				{"a/file-link", ErrSymlink},               // a link to a file outside
				{"a/inside-link", ErrSymlink},             // even one that stays inside
				{"dir-link/secret", ErrSymlink},           // a link to a directory outside
				{"a/fifo", ErrNotRegular},                 // never opened for a blocking read
				{"a", ErrNotRegular},                      // a directory
				{"a/missing", fs.ErrNotExist},             // absent
				{"a/ok.txt/x", fs.ErrNotExist},            // a file is no directory
				{"../" + filepath.Base(tree), ErrOutside}, // leaves the directory
				{"/etc/passwd", ErrOutside},
			} {
				within(t, func() {
					data, err := d.ReadFile(tt.rel, 100)
					switch {
					case tt.want == nil && (err != nil || string(data) != "ok"):
						t.Errorf("ReadFile(%s) = %q, %v", tt.rel, data, err)
					case tt.want != nil && !errors.Is(err, tt.want):
						t.Errorf("ReadFile(%s) error = %v, want %v", tt.rel, err, tt.want)
					case strings.Contains(string(data), "token"):
						t.Errorf("ReadFile(%s) read outside the tree", tt.rel)
					}
				})
			}
			var tooLarge *TooLargeError
			if _, err := d.ReadFile("a/ok.txt", 1); !errors.As(err, &tooLarge) || err.Error() != "file is 2 bytes, over the 1-byte limit" {
				t.Errorf("over the limit: %v", err)
			}
			if _, err := d.OpenDir("dir-link"); !errors.Is(err, ErrSymlink) {
				t.Errorf("OpenDir(dir-link) error = %v", err)
			}
			sub, err := d.OpenDir("a")
			must(t, err)
			defer sub.Close()
			if data, err := sub.ReadFile("ok.txt", 100); err != nil || string(data) != "ok" {
				t.Errorf("ReadFile below OpenDir(a) = %q, %v", data, err)
			}
		})
	}
}

// TestReadFile reads a file the user names: a link at its last component, a FIFO and a device
// are errors, and a read never blocks or grows without bound.
func TestReadFile(t *testing.T) {
	tree, _ := hostile(t)
	for _, tt := range []struct {
		path string
		want string // the error's text, or "" for the content "ok"
	}{
		{filepath.Join(tree, "a", "ok.txt"), ""},
		{filepath.Join(tree, "a", "file-link"), "symbolic link; not followed"},
		{filepath.Join(tree, "a", "fifo"), "not a regular file (a named pipe)"},
		{filepath.Join(tree, "a"), "not a regular file (a directory)"},
		{"/dev/zero", "not a regular file (a device)"},
		{filepath.Join(tree, "missing"), "no such file or directory"},
	} {
		within(t, func() {
			data, err := ReadFile(tt.path, 100)
			if tt.want == "" && (err != nil || string(data) != "ok") || tt.want != "" && (err == nil || err.Error() != tt.want) {
				t.Errorf("ReadFile(%s) = %q, %v; want error %q", tt.path, data, err, tt.want)
			}
		})
	}
	// A relative path below the current directory goes through no link; an absolute one is the
	// caller's.
	t.Chdir(tree)
	if _, err := ReadFile("dir-link/secret", 100); !errors.Is(err, ErrSymlink) {
		t.Errorf("through a link to a directory: %v", err)
	}
	if data, err := ReadFile("a/../a/ok.txt", 100); err != nil || string(data) != "ok" {
		t.Errorf("a/../a/ok.txt = %q, %v", data, err)
	}
	big := filepath.Join(tree, "big")
	must(t, os.WriteFile(big, nil, 0o644))
	must(t, os.Truncate(big, 1<<40)) // sparse: a terabyte that is never read
	var tooLarge *TooLargeError
	if _, err := ReadFile(big, 1<<20); !errors.As(err, &tooLarge) || tooLarge.Size != 1<<40 {
		t.Errorf("a terabyte file: %v", err)
	}
}

// TestCreate replaces files atomically: never through a link, never a read-only file, keeping
// mode and owner, with temporary names that fit NAME_MAX.
func TestCreate(t *testing.T) {
	tree, outside := hostile(t)
	d, err := OpenDir(filepath.Join(tree, "a"))
	must(t, err)
	defer d.Close()
	replace := func(name, text string) error {
		r, err := d.Create(name)
		if err != nil {
			return err
		}
		if _, err := r.Write([]byte(text)); err != nil {
			r.Abort()
			return err
		}
		return r.Commit()
	}

	// A new file; an existing file keeps its permissions.
	must(t, replace("new.txt", "new"))
	must(t, os.Chmod(filepath.Join(tree, "a", "ok.txt"), 0o640))
	must(t, replace("ok.txt", "replaced"))
	if b, _ := os.ReadFile(filepath.Join(tree, "a", "ok.txt")); string(b) != "replaced" {
		t.Errorf("ok.txt = %q", b)
	}
	if info, _ := os.Stat(filepath.Join(tree, "a", "ok.txt")); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", info.Mode())
	}

	// Refused: a link (the file outside stays as it was), a FIFO (no hang), a read-only file.
	if err := replace("file-link", "x"); !errors.Is(err, ErrSymlink) {
		t.Errorf("replacing a link: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "secret")); string(b) != "token" {
		t.Errorf("the link's target was written: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(tree, "a", "file-link")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	within(t, func() {
		if err := replace("fifo", "x"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("replacing a FIFO: %v", err)
		}
	})
	must(t, os.WriteFile(filepath.Join(tree, "a", "ro.txt"), []byte("ro"), 0o444))
	if err := replace("ro.txt", "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("replacing a read-only file: %v", err)
	}

	// A name of 255 bytes, NAME_MAX: created and replaced, temporary names included.
	long := strings.Repeat("é", 126) + "xyz" // 255 bytes
	must(t, replace(long, "1"))
	must(t, replace(long, "2"))
	if b, err := os.ReadFile(filepath.Join(tree, "a", long)); err != nil || string(b) != "2" {
		t.Errorf("255-byte name: %q, %v", b, err)
	}
	if n := len(tempName(long)); n > 255 {
		t.Errorf("temporary name of %d bytes", n)
	}

	// Abort leaves nothing behind; nothing else is left either.
	r, err := d.Create("aborted.txt")
	must(t, err)
	r.Abort()
	entries, _ := os.ReadDir(filepath.Join(tree, "a"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".privlint-") || e.Name() == "aborted.txt" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestCreateKeepsOwner replaces a file owned by another user, which only root can do.
func TestCreateKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "owned")
	write(t, p, "x")
	must(t, os.Chown(p, 1234, 1234))
	must(t, os.Chmod(p, 0o750|fs.ModeSetuid)) // setuid survives the chown
	d, err := OpenDir(dir)
	must(t, err)
	defer d.Close()
	r, err := d.Create("owned")
	must(t, err)
	_, _ = r.Write([]byte("y"))
	must(t, r.Commit())
	info, err := os.Stat(p)
	must(t, err)
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 1234 || info.Mode()&(fs.ModePerm|fs.ModeSetuid) != 0o750|fs.ModeSetuid {
		t.Errorf("owner %d:%d mode %v, want 1234:1234 and setuid 0750", st.Uid, st.Gid, info.Mode())
	}
}

// TestCreatePath opens the directory of a path to write: a link among the directories of a
// relative path is refused, as is a link at the file.
func TestCreatePath(t *testing.T) {
	tree, outside := hostile(t)
	t.Chdir(tree)
	for _, tt := range []struct {
		path string
		want error
	}{
		{"out.sarif", nil},
		{"a/out.sarif", nil},
		{filepath.Join(tree, "a", "abs.sarif"), nil},
		{"dir-link/out.sarif", ErrSymlink},
		{"a/file-link", ErrSymlink},
		{"a/fifo", ErrNotRegular},
		{"a", ErrNotRegular},
	} {
		within(t, func() {
			r, err := Create(tt.path)
			if err == nil {
				_, _ = r.Write([]byte("out"))
				err = r.Commit()
			}
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Create(%s) error = %v, want %v", tt.path, err, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(outside, "sub", "out.sarif")); err == nil {
		t.Error("wrote through a link to a directory outside")
	}
}
