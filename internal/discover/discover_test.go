package discover

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.inf", "[Privilege Rights]")
	write("sub/GptTmpl.INF", "[Privilege Rights]")
	write("sub/secpol.cfg", "[Unicode]")
	write("sub/export", "[Unicode]")
	write("big.inf", strings.Repeat("x", 100))
	write("notes.md", "SeImpersonatePrivilege")
	write("image.png", "x")
	write(".git/x.inf", "[Privilege Rights]")
	write("sub/.svn/x.inf", "[Privilege Rights]")
	if err := os.Mkdir(filepath.Join(dir, "dir.inf"), 0o755); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(dir, "a.inf"), filepath.Join(dir, "link.inf")))
	must(os.Symlink("/etc", filepath.Join(dir, "outside")))
	must(os.Symlink(filepath.Join(dir, "loop"), filepath.Join(dir, "loop")))
	must(os.Symlink(filepath.Join(dir, "nowhere.inf"), filepath.Join(dir, "dangling.inf")))
	mkfifo(t, filepath.Join(dir, "fifo.inf"))

	files, skipped, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"a.inf", "big.inf", "sub/GptTmpl.INF", "sub/export", "sub/secpol.cfg"}
	if !slices.Equal(rel, want) {
		t.Errorf("files = %q, want %q", rel, want)
	}
	if len(skipped) != 0 {
		t.Errorf("skipped = %+v", skipped)
	}

	// Named on the command line: any extension is scanned; links and FIFOs are skipped and said.
	files, skipped, err = Files([]string{filepath.Join(dir, "notes.md"), filepath.Join(dir, "link.inf"), filepath.Join(dir, "fifo.inf")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !strings.HasSuffix(files[0], "notes.md") || len(skipped) != 2 ||
		skipped[0].Reason != "not a regular file; not scanned" || skipped[1].Reason != "symbolic link; not followed" {
		t.Errorf("explicit files = %q, skipped %+v", files, skipped)
	}
	if _, _, err := Files([]string{filepath.Join(dir, "absent")}); err == nil {
		t.Error("a missing path is not an error")
	}

	// The reader enforces the size limit and never reads what is not a regular file.
	rd := NewReader([]string{dir}, 50, nil)
	defer rd.Close()
	if b, err := rd.ReadFile(filepath.Join(dir, "a.inf")); err != nil || string(b) != "[Privilege Rights]" {
		t.Errorf("ReadFile(a.inf) = %q, %v", b, err)
	}
	var tooLarge *TooLargeError
	if _, err := rd.ReadFile(filepath.Join(dir, "big.inf")); !errors.As(err, &tooLarge) || tooLarge.Size != 100 ||
		err.Error() != "file is 100 bytes, over the 50-byte limit; not scanned" {
		t.Errorf("ReadFile(big.inf) error = %v", err)
	}
	if _, err := rd.ReadFile(filepath.Join(dir, "fifo.inf")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadFile(fifo) error = %v", err)
	}
	if _, err := rd.ReadFile(filepath.Join(dir, "dir.inf")); err == nil {
		t.Error("ReadFile read a directory")
	}
}

// TestWalkGoroutines: a walk of many directories runs a fixed number of goroutines, not one per
// directory.
func TestWalkGoroutines(t *testing.T) {
	root := t.TempDir()
	for i := range 40 {
		for j := range 25 {
			dir := filepath.Join(root, fmt.Sprintf("d%d", i), fmt.Sprintf("e%d", j))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "x.inf"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	const workers = 4
	base := runtime.NumGoroutine()
	var mu sync.Mutex
	most, files := 0, 0
	err := Walk(context.Background(), []string{root}, workers, func(string) {
		mu.Lock()
		most = max(most, runtime.NumGoroutine())
		files++
		mu.Unlock()
	}, func(Skipped) {})
	if err != nil {
		t.Fatal(err)
	}
	if files != 1000 {
		t.Errorf("%d files found, want 1000", files)
	}
	if most > base+workers+2 {
		t.Errorf("%d goroutines during a walk of 1041 directories with %d workers (%d before it)", most, workers, base)
	}
}
