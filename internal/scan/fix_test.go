//go:build unix

package scan

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privlint/privlint/internal/confine"
)

// TestFixSplicesBytes fixes files whose decoded text differs from their bytes: an unpaired
// surrogate, an odd trailing byte, invalid UTF-8. Only the removed span changes; every other byte
// stays as it was.
func TestFixSplicesBytes(t *testing.T) {
	const (
		head    = "[Privilege Rights]\r\n; note: "
		grant   = "\r\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6"
		removed = ",CONTOSO\\bad"
		tail    = "\r\n; end "
	)
	for _, tt := range []struct {
		name string
		bom  []byte
		be   bool
	}{
		{"UTF-16LE", []byte{0xFF, 0xFE}, false},
		{"UTF-16BE", []byte{0xFE, 0xFF}, true},
		{"UTF-16LE without BOM", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			enc := func(s string) []byte { return encodeUTF16(s, tt.be) }
			lone := []byte{0xD8, 0x3D} // a high surrogate with no low one after it
			if !tt.be {
				lone = []byte{0x3D, 0xD8}
			}
			odd := []byte{0x41} // a last byte with no partner
			before := concat(tt.bom, enc(head), lone, enc(grant), enc(removed), enc(tail), lone, odd)
			want := concat(tt.bom, enc(head), lone, enc(grant), enc(tail), lone, odd)
			fixFile(t, "GptTmpl.inf", before, want)
		})
	}
	t.Run("UTF-8", func(t *testing.T) {
		before := []byte("\xEF\xBB\xBF" + head + "\xFF\xFE\xC3" + grant + removed + tail + "\xE2\x82")
		want := []byte("\xEF\xBB\xBF" + head + "\xFF\xFE\xC3" + grant + tail + "\xE2\x82")
		fixFile(t, "GptTmpl.inf", before, want)
	})
}

// fixFile writes before as name in a new directory, fixes it and checks the file is want.
func fixFile(t *testing.T, name string, before, want []byte) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile(name, before, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Fix(context.Background(), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changed) != 1 || len(res.Failed) != 0 {
		t.Fatalf("changed %q, failed %+v", res.Changed, res.Failed)
	}
	got, _ := os.ReadFile(name)
	if !bytes.Equal(got, want) {
		t.Errorf("fixed file\n%q\nwant\n%q", got, want)
	}
}

const fixable = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\bad\n"
const fixed = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"

// TestFixFailures fixes what it can and reports the rest: a read-only file is not written and the
// others are; links (to a file and to a directory outside) and FIFOs are neither read nor written;
// files named with 255 bytes are fixed.
func TestFixFailures(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	t.Chdir(dir)
	long := strings.Repeat("x", 251) + ".inf"
	for name, mode := range map[string]fs.FileMode{"a.inf": 0o644, "ro.inf": 0o444, "z.inf": 0o600, long: 0o644} {
		if err := os.WriteFile(name, []byte(fixable), mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "GptTmpl.inf"), []byte(fixable), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		os.Symlink(filepath.Join(outside, "GptTmpl.inf"), "link.inf"),
		os.Symlink(outside, "linkdir"),
		syscall.Mkfifo("fifo.inf", 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var res *FixResult
	noHangFix(t, func() {
		var err error
		res, err = Fix(context.Background(), Options{Paths: []string{".", "link.inf", "fifo.inf"}}, nil)
		if err != nil {
			t.Error(err)
		}
	})
	if strings.Join(res.Changed, " ") != "a.inf "+long+" z.inf" {
		t.Errorf("changed %q", res.Changed)
	}
	if len(res.Failed) != 1 || res.Failed[0].Path != "ro.inf" || !errors.Is(res.Failed[0].Err, confine.ErrReadOnly) {
		t.Errorf("failed %+v", res.Failed)
	}
	for name, want := range map[string]string{"a.inf": fixed, "z.inf": fixed, long: fixed, "ro.inf": fixable, filepath.Join(outside, "GptTmpl.inf"): fixable} {
		if b, _ := os.ReadFile(name); string(b) != want {
			t.Errorf("%s = %q, want %q", name, b, want)
		}
	}
	if info, _ := os.Stat("z.inf"); info.Mode().Perm() != 0o600 {
		t.Errorf("z.inf mode %v, want 0600", info.Mode())
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, n.Path+": "+n.Message)
	}
	if got := strings.Join(notes, "\n"); !strings.Contains(got, "link.inf: symbolic link; not followed") || !strings.Contains(got, "fifo.inf: not a regular file") {
		t.Errorf("notifications:\n%s", got)
	}
}

// TestFixKeepsOwner fixes a file that belongs to another user, as root: the owner stays.
func TestFixKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file to another user")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("a.inf", []byte(fixable), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown("a.inf", 1234, 1234); err != nil {
		t.Fatal(err)
	}
	res, err := Fix(context.Background(), Options{}, nil)
	if err != nil || len(res.Changed) != 1 {
		t.Fatalf("Fix = %+v, %v", res, err)
	}
	info, err := os.Stat("a.inf")
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 1234 || info.Mode().Perm() != 0o640 {
		t.Errorf("owner %d:%d mode %v, want 1234:1234 0640", st.Uid, st.Gid, info.Mode())
	}
	if b, _ := os.ReadFile("a.inf"); string(b) != fixed {
		t.Errorf("a.inf = %q", b)
	}
}

// TestFixPrefilter checks that --fix and --diff read a file that holds none of the keywords as a
// scan does: once, and no further. A batch file that doubles a variable 40 times is 600 bytes that
// an evaluation would make a terabyte of; a large keyword-free script costs a parse.
func TestFixPrefilter(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	bomb := "@echo off\r\nset a=xxxxxxxxxxxxxxxx\r\n" + strings.Repeat("set a=%a%%a%\r\n", 40) + "echo %a%\r\n"
	if err := os.WriteFile("bomb.cmd", []byte(bomb), 0o644); err != nil {
		t.Fatal(err)
	}
	script := strings.Repeat("$a = @{ b = (1, 2, 3); c = \"x$($d)y\" }\n", 100_000) // 4 MB, no keyword
	if err := os.WriteFile("big.ps1", []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, diff := range []bool{false, true} {
		var out bytes.Buffer
		var w *bytes.Buffer
		if diff {
			w = &out
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		noHangFix(t, func() {
			var res *FixResult
			var err error
			if w != nil {
				res, err = Fix(context.Background(), Options{Workers: 1}, w)
			} else {
				res, err = Fix(context.Background(), Options{Workers: 1}, nil)
			}
			if err != nil || len(res.Changed) != 0 || len(res.Notifications) != 0 {
				t.Errorf("Fix = %+v, %v", res, err)
			}
		})
		runtime.ReadMemStats(&after)
		// Reading the files is 4 MB; parsing the script alone would allocate far more.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24<<20 {
			t.Errorf("diff %v: %d MB allocated for files with nothing to analyze", diff, alloc>>20)
		}
	}
}

func noHangFix(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Fix blocked")
	}
}
