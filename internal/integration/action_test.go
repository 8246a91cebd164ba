package integration

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/privlint/privlint/internal/report/sarifcheck"
)

// actionRun is what running action.yml's steps produced.
type actionRun struct {
	log        string            // every step's output
	failedStep string            // the step that failed, or ""
	status     int               // its exit status
	outputs    map[string]string // the action's outputs
	runnerTemp string            // RUNNER_TEMP of the run
}

// runAction runs the steps of action.yml as the Actions runner runs a composite action: each
// `shell: bash` step as `bash --noprofile --norc -eo pipefail script`, in workspace, with its env
// (expressions evaluated), GITHUB_ACTION_PATH the working tree (the action's checkout), RUNNER_TEMP
// a fresh directory, GITHUB_OUTPUT and GITHUB_PATH files read after each step, and the first
// failing step ending the run. Expressions may name inputs (defaults applied) and earlier steps'
// outputs, nothing else.
func runAction(t *testing.T, inputs map[string]string, workspace, path string, extraEnv ...string) actionRun {
	t.Helper()
	a := readAction(t)
	values := map[string]string{}
	for name, in := range a.Inputs {
		if in.Default != nil {
			values[name] = *in.Default
		}
	}
	for name, v := range inputs {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
		values[name] = v
	}
	stepOutputs := map[string]map[string]string{}
	eval := func(s string) string {
		return expression.ReplaceAllStringFunc(s, func(m string) string {
			parts := strings.Split(expression.FindStringSubmatch(m)[1], ".")
			switch {
			case len(parts) == 2 && parts[0] == "inputs":
				return values[parts[1]]
			case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
				return stepOutputs[parts[1]][parts[3]]
			}
			t.Fatalf("unsupported expression %s", m)
			return ""
		})
	}
	tmp := t.TempDir()
	res := actionRun{runnerTemp: t.TempDir()}
	for i, step := range a.Runs.Steps {
		if step.Shell != "bash" || step.Uses != "" || step.If != "" {
			t.Fatalf("step %q: only unconditional bash steps can run here", step.Name)
		}
		script := filepath.Join(tmp, fmt.Sprintf("step%d.sh", i))
		outFile := filepath.Join(tmp, fmt.Sprintf("output%d", i))
		pathFile := filepath.Join(tmp, fmt.Sprintf("path%d", i))
		writeFile(t, tmp, filepath.Base(script), []byte(eval(step.Run)))
		writeFile(t, tmp, filepath.Base(outFile), nil)
		writeFile(t, tmp, filepath.Base(pathFile), nil)
		env := append(isolatedEnv(t, tmp, path),
			"GITHUB_OUTPUT="+outFile, "GITHUB_PATH="+pathFile, "GITHUB_WORKSPACE="+workspace, "GITHUB_ACTIONS=true",
			"GITHUB_ACTION_PATH="+root, "RUNNER_TEMP="+res.runnerTemp)
		env = append(env, extraEnv...)
		for k, v := range step.Env {
			env = append(env, k+"="+eval(v))
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = workspace
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		res.log += string(out)
		outputs := map[string]string{}
		for _, line := range strings.Split(string(readFileT(t, outFile)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		if step.ID != "" {
			stepOutputs[step.ID] = outputs
		}
		for _, dir := range strings.Fields(string(readFileT(t, pathFile))) {
			path = dir + string(os.PathListSeparator) + path
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			res.failedStep, res.status = step.Name, ee.ExitCode()
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	res.outputs = map[string]string{}
	for name, out := range a.Outputs {
		res.outputs[name] = eval(out.Value)
	}
	return res
}

func readFileT(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// systemPath is PATH without the directories that hold a go command, so that a test decides
// whether the action finds Go.
func systemPath() string {
	var dirs []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "go")); err != nil {
			dirs = append(dirs, dir)
		}
	}
	return strings.Join(dirs, string(os.PathListSeparator))
}

func TestAction(t *testing.T) {
	lookPath(t, "bash")
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	// withGo finds go, and no privlint but the one the action builds. GOPROXY=off: the action
	// builds its own checkout and downloads no privlint (its dependencies are in the module cache
	// after the build of the test itself).
	withGo := filepath.Dir(goBin) + string(os.PathListSeparator) + systemPath()
	offline := "GOPROXY=off"

	// workspace is a checkout with a bad template in bad/ and a clean one in good/.
	workspace := func(t *testing.T) string {
		dir := t.TempDir()
		writeFile(t, dir, "bad/GptTmpl.inf", utf16Template(badTemplate))
		writeFile(t, dir, "good/GptTmpl.inf", utf16Template(cleanTemplate))
		return dir
	}

	t.Run("no go", func(t *testing.T) {
		res := runAction(t, nil, workspace(t), systemPath())
		if res.failedStep != "Build privlint" || !strings.Contains(res.log, "Go is not installed") {
			t.Errorf("without go: failed step %q\n%s", res.failedStep, res.log)
		}
		if !regexp.MustCompile(`(?m)^::error title=privlint::`).MatchString(res.log) {
			t.Errorf("without go, no error annotation:\n%s", res.log)
		}
	})

	t.Run("sarif findings do not fail the step", func(t *testing.T) {
		ws := workspace(t)
		res := runAction(t, nil, ws, withGo, offline)
		if res.failedStep != "" || res.outputs["exit-code"] != "1" {
			t.Fatalf("failed step %q, exit-code %q; want none and 1\n%s", res.failedStep, res.outputs["exit-code"], res.log)
		}
		sarif := readFileT(t, filepath.Join(ws, "privlint.sarif"))
		if err := sarifcheck.Validate(sarif); err != nil {
			t.Errorf("privlint.sarif: %v", err)
		}
		if !strings.Contains(string(sarif), `"uri":"bad/GptTmpl.inf"`) && !strings.Contains(string(sarif), `"uri": "bad/GptTmpl.inf"`) {
			t.Errorf("privlint.sarif has no result for bad/GptTmpl.inf")
		}
	})

	t.Run("builds its own checkout", func(t *testing.T) {
		// A workspace that is a Go module and workspace of its own changes nothing: the action
		// builds cmd/privlint of the module it was checked out as, into RUNNER_TEMP.
		ws := workspace(t)
		writeFile(t, ws, "go.mod", []byte("module example.com/scanned\n\ngo 1.26\n"))
		writeFile(t, ws, "go.work", []byte("go 1.26\n\nuse .\n"))
		writeFile(t, ws, "cmd/privlint/main.go", []byte("package main\n\nfunc main() { panic(\"not this one\") }\n"))
		res := runAction(t, map[string]string{"path": "good"}, ws, withGo, offline)
		if res.failedStep != "" || res.outputs["exit-code"] != "0" {
			t.Fatalf("failed step %q, exit-code %q; want none and 0\n%s", res.failedStep, res.outputs["exit-code"], res.log)
		}
		bin := filepath.Join(res.runnerTemp, "privlint")
		out, err := exec.Command(goBin, "version", "-m", bin).Output()
		if err != nil {
			t.Fatalf("go version -m %s: %v", bin, err)
		}
		if want := "\tpath\tgithub.com/privlint/privlint/cmd/privlint\n"; !strings.Contains(string(out), want) {
			t.Errorf("the action's binary: go version -m lacks %q:\n%s", want, out)
		}
	})

	t.Run("clean", func(t *testing.T) {
		res := runAction(t, map[string]string{"path": "good"}, workspace(t), withGo, offline)
		if res.failedStep != "" || res.outputs["exit-code"] != "0" {
			t.Errorf("failed step %q, exit-code %q; want none and 0\n%s", res.failedStep, res.outputs["exit-code"], res.log)
		}
	})

	t.Run("text findings fail the step", func(t *testing.T) {
		res := runAction(t, map[string]string{"format": "text", "output": "", "path": "good bad"}, workspace(t), withGo, offline)
		if res.failedStep != "Run privlint" || res.status != 1 || res.outputs["exit-code"] != "1" {
			t.Errorf("failed step %q status %d exit-code %q; want Run privlint, 1, 1\n%s", res.failedStep, res.status, res.outputs["exit-code"], res.log)
		}
		if !strings.Contains(res.log, "bad/GptTmpl.inf:7:40: error:") {
			t.Errorf("no finding in the log:\n%s", res.log)
		}
	})

	t.Run("github annotations reach the log", func(t *testing.T) {
		ws := workspace(t)
		res := runAction(t, map[string]string{"format": "github", "output": "privlint.github"}, ws, withGo, offline)
		if !regexp.MustCompile(`(?m)^::error file=bad/GptTmpl.inf,line=7,`).MatchString(res.log) {
			t.Errorf("no annotation in the log:\n%s", res.log)
		}
		if res.failedStep != "Run privlint" || res.outputs["exit-code"] != "1" {
			t.Errorf("failed step %q, exit-code %q", res.failedStep, res.outputs["exit-code"])
		}
	})

	t.Run("args", func(t *testing.T) {
		res := runAction(t, map[string]string{"args": "--fail-on never --exceptions iis"}, workspace(t), withGo, offline)
		if res.failedStep != "" || res.outputs["exit-code"] != "0" {
			t.Errorf("--fail-on never: failed step %q, exit-code %q\n%s", res.failedStep, res.outputs["exit-code"], res.log)
		}
	})

	t.Run("usage errors fail even with sarif", func(t *testing.T) {
		res := runAction(t, map[string]string{"args": "--no-such-flag"}, workspace(t), withGo, offline)
		if res.failedStep != "Run privlint" || res.status != 2 || res.outputs["exit-code"] != "2" {
			t.Errorf("failed step %q status %d exit-code %q; want Run privlint, 2, 2\n%s", res.failedStep, res.status, res.outputs["exit-code"], res.log)
		}
	})

	t.Run("inputs are not code", func(t *testing.T) {
		ws := workspace(t)
		res := runAction(t, map[string]string{"path": "good", "output": "out $(touch pwned) `touch pwned2`.sarif"}, ws, withGo, offline)
		for _, f := range []string{"pwned", "pwned2"} {
			if _, err := os.Stat(filepath.Join(ws, f)); err == nil {
				t.Errorf("an input ran a command (%s exists)", f)
			}
		}
		if _, err := os.Stat(filepath.Join(ws, "out $(touch pwned) `touch pwned2`.sarif")); err != nil || res.failedStep != "" {
			t.Errorf("output file with odd characters not written: %v, failed step %q\n%s", err, res.failedStep, res.log)
		}
	})
}
