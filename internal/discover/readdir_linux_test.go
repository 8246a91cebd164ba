package discover

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestReadDirMatchesOS: the getdents listing gives the names and types the os package gives, for
// every kind of entry, and refuses to list through a link.
func TestReadDirMatchesOS(t *testing.T) {
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
	for i := range 300 { // more than one getdents buffer
		must(os.WriteFile(filepath.Join(dir, "file-with-a-long-name-to-fill-the-buffer-"+string(rune('a'+i%26))+string(rune('a'+i/26))), nil, 0o644))
	}
	got, err := readDir(dir)
	must(err)
	want, err := osReadDir(dir)
	must(err)
	render := func(es []os.DirEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Name()+" "+e.Type().String())
		}
		slices.Sort(out)
		return out
	}
	if g, w := render(got), render(want); !slices.Equal(g, w) {
		t.Errorf("getdents lists %d entries, the os package %d:\n%q\n%q", len(g), len(w), g, w)
	}
	must(os.Symlink("sub", filepath.Join(dir, "dirlink")))
	if _, err := readDir(filepath.Join(dir, "dirlink")); err == nil {
		t.Errorf("a link to a directory was listed")
	}
}
