package integration

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml through the real pre-commit, as a user's
// repository does: a scratch repository whose .pre-commit-config.yaml is the snippet of
// docs/integrations.md pointed at a local clone of this repository. A commit of a UTF-16 template
// granting SeImpersonatePrivilege to Everyone is rejected with the finding, a commit of a clean
// one goes through, and a commit of other files skips the hook.
//
// The clone is of the committed HEAD, so that `language: golang` builds committed code with
// `go install ./...` as pre-commit would; only .pre-commit-hooks.yaml is taken from the working
// tree when it differs (committed in the clone), because it is what is under test.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the pre-commit end-to-end test clones the repository and builds privlint")
	}
	lookPath(t, "pre-commit")
	lookPath(t, "git")
	lookPath(t, "go")
	tmp := t.TempDir()
	ctx := testContext(t)
	env := isolatedEnv(t, tmp, os.Getenv("PATH"))
	hooksRepo, rev := cloneHooksRepo(t, ctx, env, filepath.Join(tmp, "privlint"))

	t.Run("golang", func(t *testing.T) {
		// pre-commit builds privlint with go install into its own GOPATH, which it puts first on PATH.
		dir := t.TempDir()
		commitScenario(t, ctx, isolatedEnv(t, dir, os.Getenv("PATH")), hooksRepo, rev, "privlint")
		built, _ := filepath.Glob(filepath.Join(dir, "pre-commit-home", "*", "golangenv-*", "bin", "privlint"))
		if len(built) != 1 {
			t.Errorf("pre-commit did not build privlint in its environment: %v", built)
		}
	})
	t.Run("system", func(t *testing.T) {
		dir := t.TempDir()
		bin := filepath.Join(dir, "bin")
		start := time.Now()
		if err := goBuild(ctx, hooksRepo, filepath.Join(bin, "privlint"), env); err != nil {
			t.Fatal(err)
		}
		t.Logf("built privlint from the clone in %v", time.Since(start).Round(time.Millisecond))
		path := bin + string(os.PathListSeparator) + os.Getenv("PATH")
		commitScenario(t, ctx, isolatedEnv(t, dir, path), hooksRepo, rev, "privlint-system")
	})
}

// cloneHooksRepo clones the working tree's HEAD into dst, commits the working tree's
// .pre-commit-hooks.yaml there when HEAD's differs, and returns dst and the commit to pin.
func cloneHooksRepo(t *testing.T, ctx context.Context, env []string, dst string) (dir, rev string) {
	t.Helper()
	head, err := run(ctx, env, root, "git", "rev-parse", "HEAD")
	if err != nil {
		t.Skipf("%s is not a git checkout with a commit: %v\n%s", root, err, head)
	}
	head = strings.TrimSpace(head)
	// No tags: the scenario pins a commit, as users do until the first release.
	mustRun(t, ctx, env, root, "git", "clone", "--quiet", "--no-hardlinks", "--no-tags", root, dst)
	mustRun(t, ctx, env, dst, "git", "checkout", "--quiet", "--detach", head)
	working := readRoot(t, ".pre-commit-hooks.yaml")
	if committed, err := os.ReadFile(filepath.Join(dst, ".pre-commit-hooks.yaml")); err != nil || string(committed) != string(working) {
		writeFile(t, dst, ".pre-commit-hooks.yaml", working)
		mustRun(t, ctx, env, dst, "git", "add", ".pre-commit-hooks.yaml")
		mustRun(t, ctx, env, dst, "git", "commit", "--quiet", "--no-verify", "-m", "test: the working tree's .pre-commit-hooks.yaml")
		t.Logf("HEAD %s lacks the working tree's .pre-commit-hooks.yaml: committed it in the clone", head[:12])
	}
	rev = strings.TrimSpace(mustRun(t, ctx, env, dst, "git", "rev-parse", "HEAD"))
	return dst, rev
}

// configRevs returns the revs of a pre-commit configuration's repositories.
func configRevs(t *testing.T, config []byte) []string {
	t.Helper()
	var cfg struct {
		Repos []struct {
			Rev string `yaml:"rev"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(config, &cfg); err != nil {
		t.Fatal(err)
	}
	var revs []string
	for _, r := range cfg.Repos {
		revs = append(revs, r.Rev)
	}
	return revs
}

// preCommitConfig is the pre-commit snippet of docs/integrations.md with its repository and hook
// id replaced.
func preCommitConfig(t *testing.T, repo, hookID string) []byte {
	t.Helper()
	var cfg struct {
		Repos []struct {
			Repo  string           `yaml:"repo"`
			Rev   string           `yaml:"rev"`
			Hooks []map[string]any `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(docSnippet(t, "repos")), &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Repos) != 1 || len(cfg.Repos[0].Hooks) != 1 {
		t.Fatalf("the pre-commit snippet should have one repository with one hook: %+v", cfg)
	}
	cfg.Repos[0].Repo = repo
	cfg.Repos[0].Hooks[0]["id"] = hookID
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// commitScenario makes a repository with pre-commit installed and commits into it: other files
// (the hook is skipped), a bad template (rejected with the finding), then the template made clean,
// then exports and a script that only their content identifies (rejected).
func commitScenario(t *testing.T, ctx context.Context, env []string, hooksRepo, rev, hookID string) {
	repo := filepath.Join(t.TempDir(), "repo")
	mustRun(t, ctx, env, "", "git", "-c", "init.defaultBranch=main", "init", "--quiet", repo)
	// As docs/integrations.md says: the snippet, then `pre-commit autoupdate`, which pins the
	// commit the hook repository's HEAD points at, since it has no tag.
	writeFile(t, repo, ".pre-commit-config.yaml", preCommitConfig(t, hooksRepo, hookID))
	mustRun(t, ctx, env, repo, "pre-commit", "autoupdate")
	if got := configRevs(t, readFileT(t, filepath.Join(repo, ".pre-commit-config.yaml"))); len(got) != 1 || got[0] != rev {
		t.Fatalf("pre-commit autoupdate pinned %q, want %s", got, rev)
	}
	mustRun(t, ctx, env, repo, "pre-commit", "install")

	commit := func(msg string, files ...string) (string, error) {
		t.Helper()
		mustRun(t, ctx, env, repo, "git", append([]string{"add", "--"}, files...)...)
		start := time.Now()
		out, err := run(ctx, env, repo, "git", "commit", "-m", msg)
		t.Logf("git commit -m %q: %v, %v\n%s", msg, time.Since(start).Round(time.Millisecond), err, out)
		return out, err
	}
	commits := func() string {
		return strings.TrimSpace(mustRun(t, ctx, env, repo, "git", "rev-list", "--count", "HEAD"))
	}

	// The first run also clones the hook repository and, for language golang, builds privlint.
	// The configuration is YAML, which privlint reads (Ansible): the hook runs on it and passes.
	if _, err := commit("pre-commit configuration", ".pre-commit-config.yaml"); err != nil {
		t.Fatalf("commit of the pre-commit configuration failed: %v", err)
	}
	writeFile(t, repo, "README.md", []byte("SeImpersonatePrivilege = *S-1-1-0\n"))
	writeFile(t, repo, "main.go", []byte("package main\n"))
	out, err := commit("other files", "README.md", "main.go")
	if err != nil {
		t.Fatalf("commit of files the hook does not select failed: %v", err)
	}
	if !strings.Contains(out, "(no files to check)Skipped") {
		t.Errorf("hook not skipped for README.md and main.go:\n%s", out)
	}

	writeFile(t, repo, "gpo/GPTTMPL.INF", utf16Template(badTemplate))
	out, err = commit("bad template", "gpo/GPTTMPL.INF")
	if err == nil {
		t.Fatalf("commit of a template granting SeImpersonatePrivilege to Everyone went through:\n%s", out)
	}
	for _, want := range []string{"Failed", "gpo/GPTTMPL.INF:7:", "Everyone", "[PL1003]"} {
		if !strings.Contains(out, want) {
			t.Errorf("rejected commit's output lacks %q", want)
		}
	}
	if n := commits(); n != "2" {
		t.Errorf("%s commits after the rejected one, want 2", n)
	}

	writeFile(t, repo, "gpo/GPTTMPL.INF", utf16Template(cleanTemplate))
	out, err = commit("clean template", "gpo/GPTTMPL.INF")
	if err != nil {
		t.Fatalf("commit of a clean template was rejected: %v", err)
	}
	if !strings.Contains(out, "Passed") {
		t.Errorf("hook did not pass on the clean template:\n%s", out)
	}
	if n := commits(); n != "3" {
		t.Errorf("%s commits, want 3", n)
	}

	// Files a directory scan reads by content: a secedit export saved as .txt and as .cfg, and
	// scripts without an extension, named by their shebang line.
	writeFile(t, repo, "exports/web01-secedit.txt", utf16Template(badTemplate))
	writeFile(t, repo, "exports/web02.cfg", []byte(badTemplate))
	writeFile(t, repo, "bin/ssh-host-config", []byte("#!/bin/bash\neditrights -a SeAssignPrimaryTokenPrivilege -u cyg_server\n"))
	writeFile(t, repo, "bin/grant-impersonate", []byte("#!/bin/sh\nntrights -u Everyone +r SeImpersonatePrivilege\n"))
	files := []string{"exports/web01-secedit.txt", "exports/web02.cfg", "bin/ssh-host-config", "bin/grant-impersonate"}
	out, err = commit("exports and scripts", files...)
	if err == nil {
		t.Fatalf("commit of exports and scripts that grant the rights went through:\n%s", out)
	}
	for _, want := range []string{"exports/web01-secedit.txt:7:", "exports/web02.cfg:7:", "bin/ssh-host-config:2:", "cyg_server",
		"bin/grant-impersonate:2:13: error: SeImpersonatePrivilege is given to Everyone"} {
		if !strings.Contains(out, want) {
			t.Errorf("rejected commit's output lacks %q", want)
		}
	}
}

// TestPreCommitValidate has pre-commit check .pre-commit-hooks.yaml and the configuration snippet
// of docs/integrations.md against its own schemas.
func TestPreCommitValidate(t *testing.T) {
	lookPath(t, "pre-commit")
	dir := t.TempDir()
	ctx := testContext(t)
	env := isolatedEnv(t, dir, os.Getenv("PATH"))
	mustRun(t, ctx, env, dir, "pre-commit", "validate-manifest", filepath.Join(root, ".pre-commit-hooks.yaml"))
	writeFile(t, dir, "config.yaml", []byte(docSnippet(t, "repos")))
	mustRun(t, ctx, env, dir, "pre-commit", "validate-config", "config.yaml")
}
