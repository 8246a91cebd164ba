package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
)

// root is the module root: the repository's working tree.
var root = func() string {
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return dir
}()

// binDir holds the privlint built from the working tree; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// privlintBinary builds privlint from the working tree, once per test binary, and returns its path.
func privlintBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "privlint-integration-")
		if err != nil {
			buildOnce.err = err
			return
		}
		binDir = dir
		buildOnce.path = filepath.Join(dir, "privlint")
		buildOnce.err = goBuild(context.Background(), root, buildOnce.path, os.Environ())
	})
	if buildOnce.err != nil {
		t.Fatal(buildOnce.err)
	}
	return buildOnce.path
}

// goBuild builds ./cmd/privlint of the module in dir into out.
func goBuild(ctx context.Context, dir, out string, env []string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/privlint")
	cmd.Dir = dir
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/privlint in %s: %w\n%s", dir, err, b)
	}
	return nil
}

// readRoot reads a file of the working tree by its slash-separated path.
func readRoot(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lookPath finds a program or skips the test.
func lookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not on PATH", name)
	}
	return p
}

// utf16Template is text as Windows writes security templates: UTF-16LE with a byte-order mark and
// CRLF line ends.
func utf16Template(text string) []byte {
	text = strings.ReplaceAll(text, "\n", "\r\n")
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(text)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.Bytes()
}

// Templates for the end-to-end tests: badTemplate gives SeImpersonatePrivilege to Everyone
// (*S-1-1-0, PL1003) on line 7; cleanTemplate gives it to the safe set only.
const (
	templateHead  = "[Unicode]\nUnicode=yes\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n[Privilege Rights]\n"
	badTemplate   = templateHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-1-0\n"
	cleanTemplate = templateHead + "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"
)

// writeFile writes data to dir/rel, creating directories.
func writeFile(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goSettings are the Go environment variables that tools run by the tests inherit explicitly:
// with HOME moved to a temporary directory, `go env` would otherwise lose them (the module and
// build caches live under HOME by default, and so does the go env file).
var goSettings = []string{"GOMODCACHE", "GOCACHE", "GOFLAGS", "GOPROXY", "GOSUMDB", "GONOSUMDB",
	"GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOTOOLCHAIN"}

var goEnvOnce struct {
	sync.Once
	vars map[string]string
	err  error
}

// goEnv returns the current values of goSettings.
func goEnv(t *testing.T) map[string]string {
	t.Helper()
	goEnvOnce.Do(func() {
		out, err := exec.Command("go", append([]string{"env", "-json"}, goSettings...)...).Output()
		if err != nil {
			goEnvOnce.err = fmt.Errorf("go env: %w", err)
			return
		}
		goEnvOnce.err = json.Unmarshal(out, &goEnvOnce.vars)
	})
	if goEnvOnce.err != nil {
		t.Fatal(goEnvOnce.err)
	}
	return goEnvOnce.vars
}

// isolatedEnv is an environment for tools a test runs: HOME and pre-commit's home under dir, PATH as
// given, no variable of an enclosing git command or pre-commit run (GIT_DIR of a hook that runs the
// tests, SKIP), a fixed git identity, no system git configuration, and Go's settings made explicit.
func isolatedEnv(t *testing.T, dir, path string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "GIT_"), strings.HasPrefix(name, "PRE_COMMIT"),
			name == "SKIP", name == "HOME", name == "PATH", name == "XDG_CONFIG_HOME", name == "XDG_CACHE_HOME":
			continue
		}
		if _, ok := goEnv(t)[name]; ok {
			continue
		}
		env = append(env, kv)
	}
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	env = append(env,
		"HOME="+home,
		"PRE_COMMIT_HOME="+filepath.Join(dir, "pre-commit-home"),
		"PATH="+path,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=privlint test", "GIT_AUTHOR_EMAIL=test@privlint.invalid",
		"GIT_COMMITTER_NAME=privlint test", "GIT_COMMITTER_EMAIL=test@privlint.invalid",
	)
	for _, name := range goSettings {
		if v := goEnv(t)[name]; v != "" {
			env = append(env, name+"="+v)
		}
	}
	return env
}

// testContext is canceled shortly before the test's deadline, so that a hung tool fails the test
// with its output instead of killing the test binary.
func testContext(t *testing.T) context.Context {
	t.Helper()
	deadline, ok := t.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Minute)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(-30*time.Second))
	t.Cleanup(cancel)
	return ctx
}

// run runs name with args in dir and returns its combined output and error.
func run(ctx context.Context, env []string, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// mustRun runs a command that has to succeed.
func mustRun(t *testing.T, ctx context.Context, env []string, dir, name string, args ...string) string {
	t.Helper()
	out, err := run(ctx, env, dir, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}
