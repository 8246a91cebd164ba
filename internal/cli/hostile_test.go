package cli_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privlint/privlint/internal/cli"
	"github.com/privlint/privlint/internal/escape"
	"github.com/privlint/privlint/internal/escape/ghrunner"
	"github.com/privlint/privlint/internal/report"
)

// hostileNames are file names that try to forge output: line breaks, workflow commands (at the
// start of a line, as the names are scanned from their directory), terminal escapes, a legacy
// command, Unicode line separators and spaces, bidirectional controls and bytes that are not UTF-8.
var hostileNames = []string{
	"x\n::error file=README.md,line=1::pwned.inf",
	"cr\r::warning::y.inf",
	"esc\x1b[1A\x1b[2K.inf",
	"##[error]legacy.inf",
	"ls\u2028::error::z.inf",
	"bad\xff\xfe.inf",
	"  ::error::lead.inf",
	"\u00a0::notice::nbsp.inf",
	"rtl\u202egnp.inf",
	"dir\n::error::d/inner.inf",
	":",
}

// Accounts that try the same, written in the files.
const (
	infAccount = "CONTOSO\\evil##[error]x\xff\u202e" // in a template: bytes that are not UTF-8, a legacy command
	ps1Account = "CONTOSO\\evil\n::warning::x\x1b[1A\x1b[2K##[error]y"
	reason     = "lab \x1b[2K##[error]r"
)

// hostileTemplate grants two accounts (so every file has fixes and the github format has more
// errors than it annotates), holds a malformed line that reads as a command (a problem on stderr,
// and a context line of --diff) and a suppressed grant with a hostile reason.
const hostileTemplate = "[Privilege Rights]\n" +
	"SeImpersonatePrivilege = *S-1-5-32-544,CONTOSO\\evil##[error]x\xff\xe2\x80\xae,CONTOSO\\two\n" +
	"  ::error::ctx\n" +
	"; privlint:ignore PL1002 -- " + reason + "\n" +
	"SeAssignPrimaryTokenPrivilege = *S-1-5-19,CONTOSO\\held\n"

// ps1Script gives a right to ps1Account through PowerShell's escapes (`n newline, `e ESC).
const ps1Script = "$a = \"CONTOSO\\evil`n::warning::x`e[1A`e[2K##[error]y\"\n" +
	"Grant-CPrivilege -Identity $a -Privilege SeImpersonatePrivilege\n"

// hostileTree writes the hostile files into a new directory and returns it with the paths of the
// templates (relative, slash-separated) that the OS accepted.
func hostileTree(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	write := func(name, content string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Logf("the OS refuses the directory of %q: %v", name, err)
			return
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Logf("the OS refuses the name %q: %v", name, err)
			return
		}
		paths = append(paths, name)
	}
	for _, name := range hostileNames {
		write(name, hostileTemplate)
	}
	if len(paths) == 0 {
		t.Skip("the OS refuses every hostile name")
	}
	if err := os.WriteFile(filepath.Join(dir, "g.ps1"), []byte(ps1Script), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, paths
}

// copyTree copies the directory src into a new temporary directory, for a run that changes files.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// annotation is a workflow command the github format means to print.
type annotation struct{ command, file, line string }

// sarifReference reads what a run found from its SARIF, which keeps paths exact: the annotations
// the github format should print, in order, and the accounts by path.
func sarifReference(t *testing.T, out string) ([]annotation, map[string][]string) {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []struct {
				Level        string
				Properties   map[string]string
				Suppressions []any
				Locations    []sarifLocation
			}
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Level     string
					Locations []sarifLocation
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v", err)
	}
	run := log.Runs[0]
	commands := map[string]string{"error": "error", "warning": "warning", "note": "notice"}
	count := map[string]int{}
	var want []annotation
	add := func(level string, locs []sarifLocation, withLine bool) {
		c := commands[level]
		if count[c] >= report.GitHubAnnotationLimit {
			return
		}
		count[c]++
		a := annotation{command: c}
		if len(locs) > 0 {
			a.file = locs[0].path(t)
			if withLine || locs[0].PhysicalLocation.Region.StartLine > 0 {
				a.line = strconv.Itoa(locs[0].PhysicalLocation.Region.StartLine)
			}
		}
		want = append(want, a)
	}
	accounts := map[string][]string{}
	for _, r := range run.Results {
		accounts[r.Locations[0].path(t)] = append(accounts[r.Locations[0].path(t)], r.Properties["account"])
		if len(r.Suppressions) == 0 {
			add(r.Level, r.Locations, true)
		}
	}
	for _, n := range run.Invocations[0].ToolExecutionNotifications {
		add(n.Level, n.Locations, false)
	}
	return want, accounts
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct{ URI string }
		Region           struct{ StartLine int }
	}
}

func (l sarifLocation) path(t *testing.T) string {
	t.Helper()
	p, err := url.PathUnescape(l.PhysicalLocation.ArtifactLocation.URI)
	if err != nil {
		t.Fatalf("uri %q: %v", l.PhysicalLocation.ArtifactLocation.URI, err)
	}
	return p
}

// checkPrintable fails on a line that holds anything but tabs and printable characters: no ESC, no
// other control, no invisible or reordering character, no byte that is not UTF-8.
func checkPrintable(t *testing.T, what, line string) {
	t.Helper()
	if !utf8.ValidString(line) {
		t.Errorf("%s: not UTF-8: %q", what, line)
		return
	}
	if i := strings.IndexFunc(line, func(r rune) bool { return r != '\t' && !strconv.IsPrint(r) }); i >= 0 {
		t.Errorf("%s: %U in %q", what, []rune(line[i:])[0], line)
	}
}

// TestHostileOutput scans a tree of hostile names and contents in every format, with --diff and
// with --fix, and reads standard output and standard error as the Actions runner does: the only
// workflow commands are the github format's annotations, one per finding up to GitHub's limit,
// each naming its file exactly; every other line is printable; the JSON formats hold the exact
// paths and accounts.
func TestHostileOutput(t *testing.T) {
	dir, paths := hostileTree(t)
	ref, _, _ := run(t, dir, "--format", "sarif", "--show-suppressed")
	wantAnnotations, accounts := sarifReference(t, ref)
	// The test tests what it says only when privlint reads the hostile accounts.
	if !slices.Contains(accounts["g.ps1"], jsonText(ps1Account)) {
		t.Fatalf("g.ps1: accounts %q, want %q among them", accounts["g.ps1"], ps1Account)
	}
	for _, p := range paths {
		if !slices.Contains(accounts[p], jsonText(infAccount)) {
			t.Fatalf("%q: accounts %q, want %q among them", p, accounts[p], jsonText(infAccount))
		}
	}
	// More errors and more warnings than GitHub shows, so that plain lines are written too.
	if len(wantAnnotations) != 2*report.GitHubAnnotationLimit {
		t.Fatalf("%d annotations expected, want as many errors and warnings as GitHub shows: %q", len(wantAnnotations), wantAnnotations)
	}

	for _, tt := range []struct {
		name string
		args []string
		fix  bool
	}{
		{name: "text", args: []string{"--show-suppressed"}},
		{name: "json", args: []string{"--format", "json", "--show-suppressed"}},
		{name: "sarif", args: []string{"--format", "sarif", "--show-suppressed"}},
		{name: "github", args: []string{"--format", "github", "--show-suppressed"}},
		{name: "rdjsonl", args: []string{"--format", "rdjsonl"}},
		{name: "diff", args: []string{"--diff"}},
		{name: "fix", args: []string{"--fix"}, fix: true},
		{name: "fix-github", args: []string{"--fix", "--format", "github"}, fix: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runDir := dir
			if tt.fix {
				runDir = copyTree(t, dir)
			}
			stdout, stderr, code := run(t, runDir, tt.args...)
			if code != cli.ExitFindings {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, cli.ExitFindings, stderr)
			}
			github := slices.Contains(tt.args, "github")
			var got []annotation
			for stream, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
				for _, line := range ghrunner.Lines(out) {
					c, ok := ghrunner.Parse(line)
					if ok && github && stream == "stdout" && !c.Legacy && !strings.Contains(c.Data, "##[") &&
						slices.Contains([]string{"error", "warning", "notice"}, c.Name) {
						got = append(got, annotation{c.Name, c.Props["file"], c.Props["line"]})
						checkPrintable(t, "annotation message", c.Data)
						continue
					}
					if ok {
						t.Errorf("%s: the runner reads %q as the command %+v", stream, line, c)
					}
					checkPrintable(t, stream, line)
				}
			}
			if github && !tt.fix && fmt.Sprint(got) != fmt.Sprint(wantAnnotations) {
				t.Errorf("annotations:\n%q\nwant:\n%q", got, wantAnnotations)
			}
			if github && tt.fix && len(got) == 0 {
				t.Error("no annotation after --fix: the files should still have problems and findings")
			}
			if !github && len(got) > 0 {
				t.Errorf("annotations in format %s: %q", tt.name, got)
			}
			checkMachineFormat(t, tt.name, stdout, paths)
			if tt.name == "diff" {
				// The templates hold bytes that are not UTF-8 and a line the output escapes: their
				// fixes are GIT binary patches, under names quoted as git quotes them.
				for _, p := range paths {
					header := "diff --git " + escape.DiffPath("a/"+p) + " " + escape.DiffPath("b/"+p) + "\n"
					if !strings.Contains(stdout, "\n"+header) && !strings.HasPrefix(stdout, header) {
						t.Errorf("no diff header %q", header)
					}
				}
				checkDiffApplies(t, dir, stdout)
			}
			if tt.fix {
				for _, p := range paths {
					if line := "privlint: fixed " + escape.Human(p) + "\n"; !strings.Contains(stderr, line) {
						t.Errorf("stderr lacks %q", line)
					}
				}
			}
		})
	}
}

// checkDiffApplies applies patch, --diff's output for the tree dir, to a copy of it with the real
// git apply, and checks that every file becomes what --fix makes of it.
func checkDiffApplies(t *testing.T, dir, patch string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Log("git is not on PATH: the patch is not applied")
		return
	}
	applied, fixed := copyTree(t, dir), copyTree(t, dir)
	if _, stderr, code := run(t, fixed, "--fix"); code == cli.ExitUsage {
		t.Fatalf("--fix: %s", stderr)
	}
	p := filepath.Join(t.TempDir(), "fix.patch")
	if err := os.WriteFile(p, []byte(patch), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", p)
	cmd.Dir = applied
	cmd.Env = append(os.Environ(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(applied))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
	err = filepath.WalkDir(fixed, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(fixed, path)
		want, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(applied, rel))
		if err != nil || string(got) != string(want) {
			t.Errorf("%q after git apply (%v):\n%q\nwant, as --fix makes it:\n%q", rel, err, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// jsonText is s as a JSON string holds it: each byte that is not UTF-8 is U+FFFD, as the README says.
func jsonText(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // ranging over a string gives RuneError for each byte that is not UTF-8
	}
	return b.String()
}

// checkMachineFormat checks that the JSON formats parse and hold every path (exactly in a SARIF
// uri) and account.
func checkMachineFormat(t *testing.T, format, stdout string, paths []string) {
	t.Helper()
	type finding struct{ path, account string }
	var got []finding
	pathText := jsonText
	switch format {
	case "json":
		var doc struct {
			Findings []struct{ Path, Account string }
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("json does not parse: %v", err)
		}
		for _, f := range doc.Findings {
			got = append(got, finding{f.Path, f.Account})
		}
	case "sarif":
		_, accounts := sarifReference(t, stdout)
		for path, as := range accounts {
			for _, a := range as {
				got = append(got, finding{path, a})
			}
		}
		pathText = func(s string) string { return s }
	case "rdjsonl":
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			var d struct {
				Message  string
				Location struct{ Path string }
			}
			if err := json.Unmarshal([]byte(line), &d); err != nil {
				t.Fatalf("rdjsonl line does not parse: %v: %s", err, line)
			}
			if _, account, ok := strings.Cut(d.Message, " is given to "); ok {
				account, _, _ = strings.Cut(account, ", outside the safe set")
				got = append(got, finding{d.Location.Path, account})
			}
		}
	default:
		return
	}
	want := []finding{{pathText("g.ps1"), jsonText(ps1Account)}}
	for _, p := range paths {
		want = append(want, finding{pathText(p), jsonText(infAccount)})
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: no finding for %q with the account %q in %q", format, w.path, w.account, got)
		}
	}
}

// TestHostileErrors: error messages quote arguments, file names and configuration files; none of
// them forges a line.
func TestHostileErrors(t *testing.T) {
	dir := t.TempDir()
	config := "\"##[error]k\\e[2K\\n::warning::x\": 1\nexclude: [\"a\\u202e[\"]\nallow:\n  - account: \"##[error]a\"\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.yml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-\n::error::flag ##[error]f"},
		{"--format", "##[error]x\x1b"},
		{"--exceptions", "\u2028::error::e"},
		{"no such\n::error::path ##[error]p\x1b[1A"},
		{"--config", "bad.yml"},
		{"--baseline", "bad.yml"},
		{"--output", "no/dir/##[error]\n::error::o", "."},
		{"explain", "##[error]\n::error::rule"},
		{"rules", "--format", "##[error]\x1b"},
		{"rules", "-\n::error::flag"},
	} {
		stdout, stderr, code := run(t, dir, args...)
		if code != cli.ExitUsage {
			t.Errorf("%q: exit status %d, want %d", args, code, cli.ExitUsage)
		}
		if stderr == "" {
			t.Errorf("%q: nothing on stderr", args)
		}
		for _, line := range ghrunner.Lines(stdout + stderr) {
			if c, ok := ghrunner.Parse(line); ok {
				t.Errorf("%q: the runner reads %q as the command %+v", args, line, c)
			}
			checkPrintable(t, fmt.Sprint(args), line)
		}
	}
}
