package integration

import (
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// reviewdogVersion is the reviewdog the tests run (and the docs' workflow installs):
// go install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.20.3.
const reviewdogVersion = "v0.20.3"

// reviewdog returns the path of reviewdog reviewdogVersion, or skips the test when reviewdog is
// not on PATH or is another version.
func reviewdog(t *testing.T) string {
	t.Helper()
	p := lookPath(t, "reviewdog")
	bi, err := buildinfo.ReadFile(p)
	if err != nil || bi.Main.Version != reviewdogVersion {
		v := "unknown"
		if err == nil {
			v = bi.Main.Version
		}
		t.Skipf("%s is reviewdog %s, not %s: go install github.com/reviewdog/reviewdog/cmd/reviewdog@%s", p, v, reviewdogVersion, reviewdogVersion)
	}
	return p
}

// reviewdogCommands returns the command lines of docs/integrations.md that pipe privlint into
// reviewdog, in order.
func reviewdogCommands(t *testing.T) []string {
	t.Helper()
	var commands []string
	for _, b := range docBlocks(t, "sh") {
		for _, line := range strings.Split(b, "\n") {
			if strings.HasPrefix(line, "privlint ") && strings.Contains(line, "| reviewdog ") {
				commands = append(commands, line)
			}
		}
	}
	return commands
}

// localReporter turns a reviewdog command line of the docs into one that prints to standard output.
func localReporter(t *testing.T, c string) string {
	t.Helper()
	local := strings.Replace(c, "-reporter=github-pr-review", "-reporter=local", 1)
	if local == c {
		t.Fatalf("%q does not use -reporter=github-pr-review", c)
	}
	if !strings.Contains(local, "-filter-mode=") {
		local += " -filter-mode=nofilter"
	}
	return local
}

// TestReviewdogSnippets runs the reviewdog command lines of docs/integrations.md with the local
// reporter instead of the GitHub one: reviewdog must read every finding privlint writes in rdjsonl
// and in SARIF.
func TestReviewdogSnippets(t *testing.T) {
	reviewdog(t)
	bash := lookPath(t, "bash")
	var commands []string
	for _, c := range reviewdogCommands(t) {
		if !strings.Contains(c, "--baseline") {
			commands = append(commands, c)
		}
	}
	if len(commands) != 2 {
		t.Fatalf("want the rdjsonl and the SARIF reviewdog command in docs/integrations.md, found %q", commands)
	}
	privlint := privlintBinary(t)
	path := filepath.Dir(privlint) + string(os.PathListSeparator) + os.Getenv("PATH")
	for _, c := range commands {
		local := localReporter(t, c)
		t.Run(c, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "gpo/GptTmpl.inf", utf16Template(badTemplate))
			writeFile(t, dir, "gpo/clean.inf", utf16Template(cleanTemplate))
			cmd := exec.Command(bash, "-c", local)
			cmd.Dir = dir
			cmd.Env = isolatedEnv(t, t.TempDir(), path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", local, err, out)
			}
			for _, want := range []string{"gpo/GptTmpl.inf", "Everyone"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("reviewdog's output lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(string(out), "clean.inf") {
				t.Errorf("reviewdog's output names the clean template:\n%s", out)
			}
		})
	}
}

// The pull request of TestReviewdogUTF16Recipe: the base grants SeImpersonatePrivilege to Everyone
// in a UTF-16 template and to CONTOSO\old in a script; the pull request adds a line granting
// SeAssignPrimaryTokenPrivilege to CONTOSO\new to the template, and a script granting
// SeImpersonatePrivilege to CONTOSO\added.
const (
	prOldScript = "Grant-CPrivilege -Identity 'CONTOSO\\old' -Privilege SeImpersonatePrivilege\n"
	prNewScript = "@echo off\r\nntrights +r SeImpersonatePrivilege -u CONTOSO\\added\r\n"
	prNewLine   = "SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20,CONTOSO\\new\n"
)

// TestReviewdogUTF16Recipe runs the recipe of docs/integrations.md for pull requests with UTF-16
// templates on a real repository: the base scanned into a baseline from a git worktree, reviewdog
// without its diff filter. It reports the pull request's two new findings, the one in the UTF-16
// template included, and neither finding the base already had. It also shows why: reviewdog's
// default filter drops the new finding in the UTF-16 template, whose diff is binary to git.
func TestReviewdogUTF16Recipe(t *testing.T) {
	reviewdog(t)
	bash, git := lookPath(t, "bash"), lookPath(t, "git")
	var recipe string
	for _, b := range docBlocks(t, "sh") {
		if strings.Contains(b, "--baseline") {
			recipe = b
		}
	}
	if recipe == "" {
		t.Fatal("docs/integrations.md has no sh block with the --baseline recipe")
	}
	if runs := workflowRuns(t, "privlint review"); !strings.Contains(runs, strings.TrimSpace(recipe)) {
		t.Errorf("the privlint review workflow does not run the recipe's commands:\n%s\nwant:\n%s", runs, recipe)
	}
	privlint := privlintBinary(t)
	path := filepath.Dir(privlint) + string(os.PathListSeparator) + os.Getenv("PATH")
	tmp := t.TempDir()
	env := isolatedEnv(t, tmp, path)
	runIn := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	// A repository with the base and the pull request's commit, an origin to fetch from, and a
	// checkout of the pull request as actions/checkout leaves it: one commit deep.
	work := filepath.Join(tmp, "work")
	writeFile(t, work, "gpo/GptTmpl.inf", utf16Template(badTemplate))
	writeFile(t, work, "scripts/old.ps1", []byte(prOldScript))
	runIn(work, git, "init", "-q", "-b", "main")
	runIn(work, git, "add", ".")
	runIn(work, git, "commit", "-qm", "base")
	base := strings.TrimSpace(runIn(work, git, "rev-parse", "HEAD"))
	writeFile(t, work, "gpo/GptTmpl.inf", utf16Template(badTemplate+prNewLine))
	writeFile(t, work, "scripts/new.cmd", []byte(prNewScript))
	runIn(work, git, "add", ".")
	runIn(work, git, "commit", "-qm", "pull request")
	origin := filepath.Join(tmp, "origin.git")
	runIn(tmp, git, "clone", "-q", "--bare", work, origin)
	checkout := filepath.Join(tmp, "checkout")
	runIn(tmp, git, "clone", "-q", "--depth=1", "file://"+origin, checkout)
	runnerTemp := filepath.Join(tmp, "runner-temp")
	if err := os.Mkdir(runnerTemp, 0o755); err != nil {
		t.Fatal(err)
	}

	script := "set -eu\n" + strings.Replace(recipe, "-reporter=github-pr-review", "-reporter=local", 1)
	cmd := exec.Command(bash, "-c", script)
	cmd.Dir = checkout
	cmd.Env = append(env, "BASE="+base, "RUNNER_TEMP="+runnerTemp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the recipe failed: %v\n%s", err, out)
	}
	// The local reporter writes rdjsonl read as rdjsonl back: JSON, with \\ for a backslash.
	for _, want := range []string{`"path":"gpo/GptTmpl.inf","range":{"start":{"line":8,`, `CONTOSO\\new`,
		`"path":"scripts/new.cmd","range":{"start":{"line":2,`, `CONTOSO\\added`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the recipe's output lacks %q:\n%s", want, out)
		}
	}
	for _, old := range []string{"Everyone", `CONTOSO\\old`} {
		if strings.Contains(string(out), old) {
			t.Errorf("the recipe reports %s, which the base already had:\n%s", old, out)
		}
	}

	// reviewdog's default filter, over git's diff of the pull request: the new finding of the
	// UTF-16 template is dropped, the batch file's is kept.
	cmd = exec.Command(bash, "-c", `privlint --format rdjsonl . | reviewdog -f=rdjsonl -name=privlint -reporter=local -diff="git diff `+base+`"`)
	cmd.Dir = work
	cmd.Env = env
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("reviewdog with its diff filter: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `CONTOSO\\added`) || strings.Contains(string(out), "GptTmpl.inf") {
		t.Errorf("reviewdog's diff filter, want the batch file's finding and none of the UTF-16 template's:\n%s", out)
	}
}

// workflowRuns returns the run scripts of the docs' workflow named name, joined.
func workflowRuns(t *testing.T, name string) string {
	t.Helper()
	for _, b := range docBlocks(t, "yaml") {
		if !strings.Contains(b, "name: "+name+"\n") {
			continue
		}
		var w workflow
		if err := yaml.Unmarshal([]byte(b), &w); err != nil {
			t.Fatal(err)
		}
		var runs []string
		for _, j := range w.Jobs {
			for _, s := range j.Steps {
				runs = append(runs, s.Run)
			}
		}
		return strings.Join(runs, "\n")
	}
	t.Fatalf("docs/integrations.md has no workflow named %q", name)
	return ""
}
