package scan

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// diffCases are files --diff has fixes for, in every encoding and line end a scan reads, with
// whether their patch is a text diff (UTF-8 with LF line ends, printable) or a GIT binary patch.
var diffCases = []struct {
	name string
	data []byte
	text bool
}{
	{"lf.inf", []byte(diffTemplate), true},
	{"sub dir/J\u00fcrgen.inf", []byte(diffTemplate), true},
	{"crlf.inf", []byte(strings.ReplaceAll(diffTemplate, "\n", "\r\n")), false},
	{"cr.inf", []byte(strings.ReplaceAll(diffTemplate, "\n", "\r")), false},
	{"bom.inf", []byte("\xef\xbb\xbf" + diffTemplate), false},
	{"utf16le.inf", concat([]byte{0xFF, 0xFE}, encodeUTF16(strings.ReplaceAll(diffTemplate, "\n", "\r\n"), false)), false},
	{"utf16be.inf", concat([]byte{0xFE, 0xFF}, encodeUTF16(diffTemplate, true)), false},
	{"latin1.inf", []byte("; caf\xe9\n" + diffTemplate), false},
	{"command.inf", []byte("::error::forged\n" + diffTemplate), false}, // a context line the output escapes
}

const diffTemplate = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,*S-1-1-0,CONTOSO\\web\n; end\n"

// TestDiffAppliesWithGit writes --diff's patch for files of every kind and applies it with the real
// git apply, in a repository and in a plain directory: each file must become what --fix makes of
// it, byte for byte, and git apply -R must restore it.
func TestDiffAppliesWithGit(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not on PATH")
	}
	// What --fix makes of each file.
	fixed := t.TempDir()
	writeDiffCases(t, fixed)
	t.Chdir(fixed)
	if res, err := Fix(context.Background(), Options{}, nil); err != nil || len(res.Failed) > 0 {
		t.Fatalf("fix: %v %v", err, res.Failed)
	}
	want := map[string][]byte{}
	for _, c := range diffCases {
		want[c.name] = readFile(t, filepath.Join(fixed, c.name))
		if bytes.Equal(want[c.name], c.data) {
			t.Fatalf("%s: --fix changes nothing", c.name)
		}
	}

	for _, repo := range []bool{true, false} {
		dir := t.TempDir()
		writeDiffCases(t, dir)
		t.Chdir(dir)
		runGit := func(args ...string) string {
			t.Helper()
			cmd := exec.Command(git, args...)
			cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			return string(out)
		}
		if repo {
			runGit("init", "-q")
			runGit("add", ".")
			runGit("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "files")
		}
		var patch bytes.Buffer
		res, err := Fix(context.Background(), Options{}, &patch)
		if err != nil || len(res.Changed) != len(diffCases) {
			t.Fatalf("repo %v: diff: %v, changed %q", repo, err, res.Changed)
		}
		binary := map[string]bool{}
		for _, p := range res.Binary {
			binary[filepath.ToSlash(p)] = true
		}
		for _, c := range diffCases {
			quoted := strings.Contains(c.name, " ") || strings.ContainsFunc(c.name, func(r rune) bool { return r > 0x7f })
			header := "--- a/" + c.name + "\n"
			if !c.text {
				header = "diff --git a/" + c.name + " b/" + c.name + "\nindex " + blobName(c.data) + ".." + blobName(want[c.name]) + "\nGIT binary patch\nliteral "
			}
			if quoted {
				header = `--- "a/sub dir/J\303\274rgen.inf"` + "\n"
			}
			if binary[c.name] == c.text {
				t.Errorf("repo %v: %s: in Binary %v, want %v", repo, c.name, binary[c.name], !c.text)
			}
			if !strings.Contains(patch.String(), header) {
				t.Errorf("repo %v: %s: the patch lacks %q:\n%s", repo, c.name, header, patch.String())
			}
		}
		p := filepath.Join(t.TempDir(), "fix.patch")
		if err := os.WriteFile(p, patch.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		runGit("apply", "--check", p)
		runGit("apply", p)
		for _, c := range diffCases {
			if got := readFile(t, c.name); !bytes.Equal(got, want[c.name]) {
				t.Errorf("repo %v: %s after git apply:\n%q\nwant (as --fix):\n%q", repo, c.name, got, want[c.name])
			}
		}
		runGit("apply", "-R", p)
		for _, c := range diffCases {
			if got := readFile(t, c.name); !bytes.Equal(got, c.data) {
				t.Errorf("repo %v: %s after git apply -R: %q, want %q", repo, c.name, got, c.data)
			}
		}
		if repo {
			if st := runGit("status", "--porcelain"); st != "" {
				t.Errorf("git status after apply -R:\n%s", st)
			}
		}
	}
}

// Every line of a binary patch is ASCII that no output channel escapes, whatever the file holds.
func TestBinaryPatchLines(t *testing.T) {
	var b bytes.Buffer
	old := []byte("::error::x\n##[group]\x1b[31m\xff\xfe\r\n")
	if err := binaryPatch(&b, "a.inf", old, append(old, 0)); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if strings.HasPrefix(line, "diff --git ") || strings.HasPrefix(line, "index ") {
			continue
		}
		for _, r := range line {
			if r != ' ' && !strings.ContainsRune(base85, r) {
				t.Errorf("line %q holds %q", line, r)
			}
		}
	}
}

func writeDiffCases(t *testing.T, dir string) {
	t.Helper()
	for _, c := range diffCases {
		p := filepath.Join(dir, filepath.FromSlash(c.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
