package cli_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/privlint/privlint/internal/cli"
	"github.com/privlint/privlint/internal/report/sarifcheck"
)

var update = flag.Bool("update", false, "rewrite golden files, the README rule table and docs/rules.md (never the scripts)")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"privlint": func() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: exit statuses, flags, formats, errors.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// sarifvalid FILE: FILE is SARIF valid against the 2.1.0 schema and GitHub's rules.
			"sarifvalid": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 {
					ts.Fatalf("usage: sarifvalid FILE")
				}
				err := sarifcheck.Validate([]byte(ts.ReadFile(args[0])))
				if (err != nil) != neg {
					ts.Fatalf("sarifvalid %s: %v", args[0], err)
				}
			},
			// binary FILE: write a small binary file (a PE header's first bytes, then a keyword) to FILE.
			"binary": func(ts *testscript.TestScript, neg bool, args []string) {
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xffSeImpersonatePrivilege"), 0o644))
			},
			// utf16le SRC DST: write SRC's text as UTF-16LE with a byte-order mark and CRLF line ends.
			"utf16le": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: utf16le SRC DST")
				}
				text := strings.ReplaceAll(ts.ReadFile(args[0]), "\n", "\r\n")
				out := []byte{0xFF, 0xFE}
				for _, r := range text {
					out = append(out, byte(r), byte(r>>8))
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), out, 0o644))
			},
		},
	})
}

// moduleRoot is the repository root, two directories up from this package.
const moduleRoot = "../.."

// testBuild is the build the tests run privlint as, so that golden files hold no version that
// changes with the commit or the toolchain.
var testBuild = cli.Build{Version: "v0.1.0", Commit: "0123456789ab", Time: "2026-01-02T03:04:05Z", GoVersion: "go1.26.0"}

// run runs privlint in dir as testBuild, with an empty standard input, and returns its output and
// exit status.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := cli.Run(args, cli.Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Build: testBuild})
	return stdout.String(), stderr.String(), code
}

// pkgDir is this package's directory, where golden files live, whatever directory a test moved to.
var pkgDir, _ = os.Getwd()

// golden compares got with the file testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(pkgDir, "testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./internal/cli -update and review the diff):\n%s", path, got)
	}
}

// TestExamples scans the bundled examples, the README's quick start, in every format.
func TestExamples(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := run(t, moduleRoot, "--format", format, "testdata/examples")
			if code != cli.ExitFindings {
				t.Errorf("exit status %d, want %d (stderr %s)", code, cli.ExitFindings, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if format == "sarif" {
				if err := sarifcheck.Validate([]byte(stdout)); err != nil {
					t.Errorf("SARIF for the examples is not valid: %v", err)
				}
			}
			golden(t, "examples."+format, stdout)
		})
	}
}

// TestGeneratedDocs keeps the README's rule table and docs/rules.md in step with the catalog.
func TestGeneratedDocs(t *testing.T) {
	readme := filepath.Join(moduleRoot, "README.md")
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)(<!-- rules:begin[^>]*-->\n).*?(<!-- rules:end -->)`)
	if !re.Match(b) {
		t.Fatal("README.md has no rules:begin/rules:end markers")
	}
	want := re.ReplaceAllString(string(b), "${1}"+strings.ReplaceAll(cli.RuleTable(), "$", "$$")+"${2}")
	docs := filepath.Join(moduleRoot, "docs", "rules.md")
	if *update {
		if err := os.WriteFile(readme, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(docs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(docs, []byte(cli.RuleDocs()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(b) != want {
		t.Error("README.md's rule table is out of date: run go test ./internal/cli -update")
	}
	if d, err := os.ReadFile(docs); err != nil || string(d) != cli.RuleDocs() {
		t.Errorf("docs/rules.md is out of date (%v): run go test ./internal/cli -update", err)
	}
}
