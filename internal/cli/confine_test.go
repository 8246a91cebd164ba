//go:build unix

package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/privlint/privlint/internal/cli"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/scan"
)

const grantINF = "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6,CONTOSO\\web\n"

// runWithin runs privlint in dir like run, failing the test when it does not finish in time: a
// FIFO must be refused, not waited on.
func runWithin(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		stdout, stderr, code = run(t, dir, args...)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("privlint %s blocked", strings.Join(args, " "))
	}
	return stdout, stderr, code
}

// confineTree writes a repository with one grant, and a directory outside it with a file; it
// returns both.
func confineTree(t *testing.T) (repo, outside string) {
	t.Helper()
	repo, outside = t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(repo, "GptTmpl.inf"), []byte(grantINF), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "victim"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	return repo, outside
}

func mustDo(t *testing.T, errs ...error) {
	t.Helper()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestOutputConfined writes --output without following links or blocking on FIFOs; - is
// standard output.
func TestOutputConfined(t *testing.T) {
	repo, outside := confineTree(t)
	long := strings.Repeat("o", 249) + ".sarif" // 255 bytes
	mustDo(t,
		os.Symlink(filepath.Join(outside, "victim"), filepath.Join(repo, "link.sarif")),
		os.Symlink(outside, filepath.Join(repo, "linkdir")),
		syscall.Mkfifo(filepath.Join(repo, "fifo.sarif"), 0o644),
		os.WriteFile(filepath.Join(repo, "ro.sarif"), []byte("old"), 0o444),
		os.WriteFile(filepath.Join(repo, "kept.sarif"), []byte("old"), 0o600),
	)

	stdout, _, code := runWithin(t, repo, "--format", "sarif", "--output", "-", "GptTmpl.inf")
	if code != cli.ExitFindings || !strings.Contains(stdout, `"ruleId": "PL1001"`) {
		t.Errorf("--output -: status %d, stdout %.100q", code, stdout)
	}
	if _, err := os.Lstat(filepath.Join(repo, "-")); err == nil {
		t.Error("--output - created a file named -")
	}

	for _, tt := range []struct{ output, want string }{
		{"link.sarif", "symbolic link; not followed"},
		{"linkdir/x.sarif", "symbolic link; not followed"},
		{"fifo.sarif", "not a regular file (a named pipe)"},
		{"ro.sarif", "file is read-only"},
		{"/dev/zero", "not a regular file (a device)"},
	} {
		_, stderr, code := runWithin(t, repo, "--format", "sarif", "--output", tt.output, "GptTmpl.inf")
		if code != cli.ExitUsage || !strings.Contains(stderr, "--output "+tt.output+": "+tt.want) {
			t.Errorf("--output %s: status %d, stderr %q; want 2 and %q", tt.output, code, stderr, tt.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "victim")); string(b) != "precious" {
		t.Errorf("a file outside was overwritten: %q", b)
	}
	if _, err := os.Stat(filepath.Join(outside, "x.sarif")); err == nil {
		t.Error("wrote through a link to a directory outside")
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "ro.sarif")); string(b) != "old" {
		t.Errorf("a read-only file was overwritten: %q", b)
	}

	for _, name := range []string{long, "kept.sarif"} {
		if _, _, code := runWithin(t, repo, "--format", "sarif", "--output", name, "GptTmpl.inf"); code != cli.ExitFindings {
			t.Errorf("--output %s: status %d", name, code)
		}
		if b, err := os.ReadFile(filepath.Join(repo, name)); err != nil || !strings.Contains(string(b), `"ruleId": "PL1001"`) {
			t.Errorf("--output %.20s...: %.100q, %v", name, b, err)
		}
	}
	if info, _ := os.Stat(filepath.Join(repo, "kept.sarif")); info.Mode().Perm() != 0o600 {
		t.Errorf("--output changed the file's mode to %v", info.Mode())
	}
	entries, _ := os.ReadDir(repo)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".privlint-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestInputFilesConfined reads --baseline and --config as regular files only, never through a
// link, within their size limits; a FIFO or /dev/zero is an error, not a hang.
func TestInputFilesConfined(t *testing.T) {
	repo, outside := confineTree(t)
	mustDo(t,
		os.WriteFile(filepath.Join(outside, "good.yml"), []byte("exclude: [\"*.inf\"]\n"), 0o644),
		os.WriteFile(filepath.Join(outside, "good.sarif"), []byte(`{"runs": [{"results": []}]}`), 0o644),
		os.Symlink(filepath.Join(outside, "good.yml"), filepath.Join(repo, "link.yml")),
		os.Symlink(filepath.Join(outside, "good.sarif"), filepath.Join(repo, "link.sarif")),
		os.Symlink(outside, filepath.Join(repo, "linkdir")),
		syscall.Mkfifo(filepath.Join(repo, "fifo"), 0o644),
	)
	for flag, limit := range map[string]int64{"--config": config.MaxSize, "--baseline": scan.MaxBaselineSize} {
		big := filepath.Join(repo, "big"+flag[2:])
		mustDo(t, os.WriteFile(big, nil, 0o644), os.Truncate(big, limit+1))
		link := map[string]string{"--config": "link.yml", "--baseline": "link.sarif"}[flag]
		for _, tt := range []struct{ file, want string }{
			{link, "symbolic link; not followed"},
			{"linkdir/good" + filepath.Ext(link), "symbolic link; not followed"},
			{"fifo", "not a regular file (a named pipe)"},
			{"/dev/zero", "not a regular file (a device)"},
			{big, fmt.Sprintf("file is %d bytes, over the %d-byte limit", limit+1, limit)},
		} {
			_, stderr, code := runWithin(t, repo, flag, tt.file, "GptTmpl.inf")
			if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("%s %s: status %d, stderr %q; want 2 and %q", flag, tt.file, code, stderr, tt.want)
			}
		}
	}
	// The configuration found in the current directory is not followed either.
	mustDo(t, os.Symlink(filepath.Join(outside, "good.yml"), filepath.Join(repo, config.FileName)))
	if _, stderr, code := runWithin(t, repo, "GptTmpl.inf"); code != cli.ExitUsage || !strings.Contains(stderr, "symbolic link; not followed") {
		t.Errorf("a linked %s: status %d, stderr %q", config.FileName, code, stderr)
	}
}

// TestRoleSecretNeverShown scans a role whose vars/main.yml is a link to a file outside holding a
// secret (a registry token in ~/.docker/config.json, say): in no format, and neither under --fix
// nor --diff, does the secret appear; the link is reported.
func TestRoleSecretNeverShown(t *testing.T) {
	const secret = "ghp_s3cr3tT0kenFromTheRunner"
	repo, outside := t.TempDir(), t.TempDir()
	mustDo(t,
		os.WriteFile(filepath.Join(outside, "config.json"), []byte("svc: \""+secret+"\"\n"), 0o644),
		os.MkdirAll(filepath.Join(repo, "roles/web/tasks"), 0o755),
		os.MkdirAll(filepath.Join(repo, "roles/web/vars"), 0o755),
		os.WriteFile(filepath.Join(repo, "roles/web/tasks/main.yml"),
			[]byte("- win_user_right:\n    name: SeImpersonatePrivilege\n    users: \"{{ svc }}\"\n    action: add\n"), 0o644),
		os.Symlink(filepath.Join(outside, "config.json"), filepath.Join(repo, "roles/web/vars/main.yml")),
	)
	runs := [][]string{{"--diff"}, {"--fix"}}
	for _, format := range []string{"text", "json", "sarif", "github", "rdjsonl"} {
		runs = append(runs, []string{"--format", format}, []string{"--format", format, "roles/web/tasks/main.yml"})
	}
	for _, args := range runs {
		stdout, stderr, _ := runWithin(t, repo, args...)
		if strings.Contains(stdout+stderr, secret) {
			t.Errorf("privlint %s shows the secret:\n%s\n%s", strings.Join(args, " "), stdout, stderr)
		}
		if args[0] != "--diff" && !strings.Contains(stdout+stderr, "not read: roles/web/vars/main.yml: symbolic link; not followed") {
			t.Errorf("privlint %s does not report the link:\n%s\n%s", strings.Join(args, " "), stdout, stderr)
		}
	}
}

// TestFixReportsFailures fixes the files it can, names those it cannot, and exits 2.
func TestFixReportsFailures(t *testing.T) {
	repo := t.TempDir()
	mustDo(t,
		os.WriteFile(filepath.Join(repo, "a.inf"), []byte(grantINF), 0o644),
		os.WriteFile(filepath.Join(repo, "ro.inf"), []byte(grantINF), 0o444),
	)
	_, stderr, code := runWithin(t, repo, "--fix", ".")
	if code != cli.ExitUsage || !strings.Contains(stderr, "privlint: fixed a.inf\n") ||
		!strings.Contains(stderr, "privlint: not fixed ro.inf: file is read-only; not changed\n") {
		t.Errorf("status %d, stderr:\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "ro.inf")); string(b) != grantINF {
		t.Errorf("the read-only file was changed: %q", b)
	}
}
