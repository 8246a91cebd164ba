package discover

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// list returns the entries a lister gives for dir as "name type" lines, sorted, and how many batches
// it announced.
func list(t *testing.T, lister func(string, func(string, fs.FileMode), func()) error, dir string) ([]string, int) {
	t.Helper()
	var out []string
	batches := 0
	if err := lister(dir, func(name string, mode fs.FileMode) { out = append(out, name+" "+mode.String()) }, func() { batches++ }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out, batches
}

// kinds returns a directory holding an entry of each kind (a file, a directory, a link, a FIFO) and
// a function that fails the test on an error.
func kinds(t *testing.T) (string, func(error)) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "a.inf"), nil, 0o644))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	must(os.Symlink("a.inf", filepath.Join(dir, "link")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	return dir, must
}

// TestReadDirMatchesOS: the getdents listing gives the names and types the os package gives, for
// every kind of entry, a getdents buffer at a time, and refuses to list through a link.
func TestReadDirMatchesOS(t *testing.T) {
	dir, must := kinds(t)
	for i := range 300 { // more than one getdents buffer
		must(os.WriteFile(filepath.Join(dir, "file-with-a-long-name-to-fill-the-buffer-"+string(rune('a'+i%26))+string(rune('a'+i/26))), nil, 0o644))
	}
	got, batches := list(t, readDir, dir)
	want, _ := list(t, osReadDir, dir)
	if !slices.Equal(got, want) {
		t.Errorf("getdents lists %d entries, the os package %d:\n%q\n%q", len(got), len(want), got, want)
	}
	if batches < 2 {
		t.Errorf("%d entries came in %d batch, not a buffer at a time", len(got), batches)
	}
	must(os.Symlink("sub", filepath.Join(dir, "dirlink")))
	if err := readDir(filepath.Join(dir, "dirlink"), func(string, fs.FileMode) {}, func() {}); err == nil {
		t.Errorf("a link to a directory was listed")
	}
}

// TestStatMode: an entry whose type getdents does not give is looked up with the type the listing
// gives the others, without following a link.
func TestStatMode(t *testing.T) {
	dir, must := kinds(t)
	fd, err := openDir(dir)
	must(err)
	defer unix.Close(fd)
	want := map[string]fs.FileMode{}
	must(readDir(dir, func(name string, mode fs.FileMode) { want[name] = mode }, func() {}))
	for name, mode := range want {
		got, err := statMode(fd, name)
		if err != nil || got != mode {
			t.Errorf("statMode(%s) = %v, %v; the listing gives %v", name, got, err, mode)
		}
	}
	if _, err := statMode(fd, "gone"); !os.IsNotExist(err) {
		t.Errorf("statMode of a missing entry: %v, want ENOENT", err)
	}
}
