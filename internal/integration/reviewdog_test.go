package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReviewdogSnippets runs the reviewdog command lines of docs/integrations.md with the local
// reporter instead of the GitHub one, when reviewdog is installed: reviewdog must read every
// finding privlint writes in rdjsonl and in SARIF.
func TestReviewdogSnippets(t *testing.T) {
	lookPath(t, "reviewdog")
	bash := lookPath(t, "bash")
	var commands []string
	for _, b := range docBlocks(t, "sh") {
		for _, line := range strings.Split(b, "\n") {
			if strings.HasPrefix(line, "privlint ") && strings.Contains(line, "| reviewdog ") {
				commands = append(commands, line)
			}
		}
	}
	if len(commands) != 2 {
		t.Fatalf("want the rdjsonl and the SARIF reviewdog command in docs/integrations.md, found %q", commands)
	}
	privlint := privlintBinary(t)
	path := filepath.Dir(privlint) + string(os.PathListSeparator) + os.Getenv("PATH")
	for _, c := range commands {
		local := strings.Replace(c, "-reporter=github-pr-review", "-reporter=local -filter-mode=nofilter", 1)
		if local == c {
			t.Errorf("%q does not use -reporter=github-pr-review", c)
			continue
		}
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
				t.Errorf("reviewdog reports the clean template:\n%s", out)
			}
		})
	}
}
