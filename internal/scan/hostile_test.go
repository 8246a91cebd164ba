package scan

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privlint/privlint/internal/report"
)

// hostileTree writes a repository of everything a scan must survive, beside one real grant.
func hostileTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewSource(7))
	random := func(n int) []byte {
		b := make([]byte, n)
		rng.Read(b)
		return b
	}
	le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	const grant = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\real\n"
	write("real/GptTmpl.inf", []byte(grant))

	write("random.inf", random(1<<16))
	spliced := random(1 << 16)
	for i := 0; i < len(spliced)-64; i += 4096 {
		copy(spliced[i:], "\n[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0,\"")
	}
	write("spliced.inf", spliced)
	write("nul.ps1", []byte("Grant-CPrivilege -Identity x\x00\x00 -Privilege SeImpersonatePrivilege\x00\n"))
	write("nul.cmd", []byte("ntrights +r SeImpersonatePrivilege\x00 -u x\r\n"))
	write("odd.inf", append(append([]byte{0xFF, 0xFE}, le("[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-1-0")...), 'x'))
	write("surrogates.inf", append(append([]byte{0xFF, 0xFE}, le("[Privilege Rights]\r\nSeImpersonatePrivilege = ")...), 0x00, 0xD8, 0x00, 0xDC, 0x00, 0xDC, 'a', 0, 0x00, 0xD8))
	write("bom.inf", []byte{0xFF, 0xFE})
	write("bom-be.inf", []byte{0xFE, 0xFF})
	write("empty.inf", nil)
	write("empty.ps1", nil)
	write("empty.sh", nil)
	write("longline.inf", append(bytes.Repeat([]byte("A"), 40<<20), "\n"+grant...))
	var many bytes.Buffer
	many.WriteString("[Privilege Rights]\n")
	for i := range 200_000 {
		if i%2 == 0 {
			fmt.Fprintf(&many, "SeRight%dPrivilege = *S-1-5-32-544\n", i) // distinct keys
		} else {
			many.WriteString("SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19\n")
		}
	}
	write("many.inf", many.Bytes())
	write("nested.ps1", []byte(strings.Repeat("(", 100_000)+"Grant-CPrivilege -Identity x -Privilege SeImpersonatePrivilege"+strings.Repeat(")", 50_000)))
	write("nested-blocks.ps1", []byte(strings.Repeat("& { ", 50_000)+"Grant-CPrivilege -Identity x -Privilege SeImpersonatePrivilege"))
	write("nested.cmd", []byte(strings.Repeat("(", 100_000)+"ntrights +r SeImpersonatePrivilege -u x\r\n"))
	write("nested.sh", []byte(strings.Repeat("$(", 20_000)+"ntrights +r SeImpersonatePrivilege -u x"))
	write("unterminated.ps1", []byte("$t = @\"\n[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0\n"))
	write("quote.ps1", []byte("Grant-CPrivilege -Identity 'x -Privilege SeImpersonatePrivilege"))
	write("quote.cmd", []byte("ntrights +r SeImpersonatePrivilege -u \"x\r\n"))
	write("heredoc.sh", []byte("cat <<EOF >x.inf\n[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0\n"))
	mkfifo(t, filepath.Join(dir, "fifo.inf"))
	must(os.Symlink(filepath.Join(dir, "nowhere.inf"), filepath.Join(dir, "dangling.inf")))
	must(os.Symlink(filepath.Join(dir, "loop.inf"), filepath.Join(dir, "loop.inf")))
	must(os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "again")))
	outside := t.TempDir()
	must(os.WriteFile(filepath.Join(outside, "GptTmpl.inf"), []byte(strings.ReplaceAll(grant, "real", "outside")), 0o644))
	must(os.Symlink(outside, filepath.Join(dir, "outside")))
	must(os.Mkdir(filepath.Join(dir, "x.inf"), 0o755))
	return dir
}

// TestHostileInput scans a tree of hostile files: the scan ends, nothing panics or is followed out
// of the tree, every file that could not be read is reported, and the one real grant is found.
func TestHostileInput(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40 MB file")
	}
	dir := hostileTree(t)
	t.Chdir(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // a hang guard, not a timing test
	defer cancel()

	res, err := Run(ctx, Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	var real, outside, longline int
	for _, f := range res.Findings {
		switch {
		case f.Path == "real/GptTmpl.inf" && f.Account == `CONTOSO\real`:
			real++
		case strings.Contains(f.Account, "outside"):
			outside++
		case f.Path == "longline.inf":
			longline++
		}
	}
	if real != 1 || outside != 0 || longline != 0 {
		t.Errorf("real grant found %d times (want 1), outside the tree %d (want 0), in the skipped long file %d (want 0)", real, outside, longline)
	}
	notes := map[string]string{}
	for _, n := range res.Notifications {
		notes[n.Path] += n.Message + "\n"
		if n.Level == "error" {
			t.Errorf("analyzer failure on %s: %s", n.Path, n.Message)
		}
	}
	for path, want := range map[string]string{
		"longline.inf":   "over the",
		"odd.inf":        "odd number of bytes",
		"surrogates.inf": "unpaired surrogate",
	} {
		if !strings.Contains(notes[path], want) {
			t.Errorf("%s: notifications %q lack %q", path, notes[path], want)
		}
	}

	// With a larger size limit the long line is read and the grant after it found.
	res, err = Run(ctx, Options{Paths: []string{"longline.inf"}, MaxSize: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Start.Line != 3 {
		t.Errorf("grant after a 40 MB line: %+v", res.Findings)
	}
}

// TestDeterministicOutput checks that output is the same byte for byte whatever the number of
// workers.
func TestDeterministicOutput(t *testing.T) {
	dir := t.TempDir()
	for i := range 40 {
		text := "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0,CONTOSO\\a,CONTOSO\\b\nSeImpersonatePrivilege =\n"
		p := filepath.Join(dir, "d"+string(rune('a'+i%7)), strings.Repeat("x", i%5)+"t.inf")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var first []byte
	for _, workers := range []int{1, 2, 3, 8} {
		res, err := Run(context.Background(), Options{Paths: []string{"."}, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := (report.SARIF{}).Format(&b, res); err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b.Bytes()
		} else if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("output with %d workers differs from 1 worker", workers)
		}
	}
}
