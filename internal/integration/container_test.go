package integration

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// dockerInstruction is one instruction of a Dockerfile: its keyword in upper case and its
// arguments, continuation lines joined.
type dockerInstruction struct {
	line int
	cmd  string
	args string
}

// parseDockerfile splits a Dockerfile into instructions, dropping comments and joining lines
// that end in a backslash. It reads the subset of the syntax the repository's Dockerfile uses.
func parseDockerfile(t *testing.T, text string) []dockerInstruction {
	t.Helper()
	var (
		out  []dockerInstruction
		cur  strings.Builder
		from int
	)
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur.Len() == 0 {
			from = i + 1
		}
		if cont, ok := strings.CutSuffix(trimmed, `\`); ok {
			cur.WriteString(cont + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, dockerInstruction{from, strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur.Reset()
	}
	if cur.Len() != 0 {
		t.Fatal("Dockerfile ends in a continuation line")
	}
	return out
}

// pinnedImage matches an image reference with a tag other than latest, a digest, or both.
var pinnedImage = regexp.MustCompile(`^[a-z0-9./-]+(:[A-Za-z0-9_.-]+)?(@sha256:[0-9a-f]{64})?$`)

// TestDockerfile checks the container recipe without Docker (this machine has no daemon): a
// builder of the Go release go.mod names and a minimal final image, both pinned by tag or
// digest; the final stage runs as a user other than root, in /src, with privlint as its
// exec-form entry point, copied from the builder where a static build put it. privlint itself
// reads Dockerfiles: it must find nothing in this one.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, string(readRoot(t, "Dockerfile")))
	type stage struct {
		image, name string
		body        []dockerInstruction
	}
	var stages []*stage
	for _, in := range ins {
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			s := &stage{image: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			} else if len(f) != 1 {
				t.Fatalf("line %d: FROM %s", in.line, in.args)
			}
			stages = append(stages, s)
			continue
		}
		if len(stages) == 0 {
			if in.cmd != "ARG" {
				t.Fatalf("line %d: %s before FROM", in.line, in.cmd)
			}
			continue
		}
		stages[len(stages)-1].body = append(stages[len(stages)-1].body, in)
	}
	if len(stages) != 2 {
		t.Fatalf("%d stages, want a builder and the final image", len(stages))
	}
	build, final := stages[0], stages[1]
	for _, s := range stages {
		m := pinnedImage.FindStringSubmatch(s.image)
		if s.image != "scratch" && (m == nil || m[1]+m[2] == "" || m[1] == ":latest") {
			t.Errorf("FROM %s: not pinned by a tag other than latest or a digest", s.image)
		}
	}

	// The builder is the Go release of go.mod's go directive.
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(readRoot(t, "go.mod"))
	if goLine == nil {
		t.Fatal("go.mod has no go directive")
	}
	if !strings.HasPrefix(build.image, "golang:"+string(goLine[1])) || build.name == "" {
		t.Errorf("builder FROM %s AS %s, want golang:%s... with a name", build.image, build.name, goLine[1])
	}
	var out string
	for _, in := range build.body {
		if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
			m := regexp.MustCompile(`^CGO_ENABLED=0 go build .*-o (\S+) \./cmd/privlint$`).FindStringSubmatch(in.args)
			if m == nil {
				t.Errorf("line %d: RUN %s: want CGO_ENABLED=0 go build ... -o FILE ./cmd/privlint", in.line, in.args)
				continue
			}
			out = m[1]
		}
	}
	if out == "" {
		t.Fatal("the builder does not go build ./cmd/privlint")
	}

	if final.image != "scratch" && !strings.HasPrefix(final.image, "gcr.io/distroless/static-debian12:nonroot") {
		t.Errorf("final image %s, want scratch or gcr.io/distroless/static-debian12:nonroot", final.image)
	}
	var user, workdir, binary string
	var entrypoint []string
	for _, in := range final.body {
		switch in.cmd {
		case "USER":
			user = in.args
		case "WORKDIR":
			workdir = in.args
		case "COPY":
			if f := strings.Fields(in.args); len(f) == 3 && f[0] == "--from="+build.name && f[1] == out {
				binary = f[2]
			}
		case "ENTRYPOINT":
			if err := json.Unmarshal([]byte(in.args), &entrypoint); err != nil {
				t.Errorf("line %d: ENTRYPOINT %s is not the exec form: %v", in.line, in.args, err)
			}
		case "RUN", "SHELL", "CMD":
			t.Errorf("line %d: %s in the final stage, which has no shell", in.line, in.cmd)
		}
	}
	if name, _, _ := strings.Cut(user, ":"); name == "" || name == "root" || name == "0" {
		t.Errorf("final stage USER %q: want a user other than root, written out", user)
	}
	if workdir != "/src" {
		t.Errorf("final stage WORKDIR %q, want /src", workdir)
	}
	if binary == "" || len(entrypoint) != 1 || entrypoint[0] != binary {
		t.Errorf("ENTRYPOINT %q, want [the privlint copied from %s (%q)]", entrypoint, out, binary)
	}

	cmd := exec.Command(privlintBinary(t), "Dockerfile", ".dockerignore")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("privlint Dockerfile: %v\n%s", err, out)
	}
}

// gitlabJob is the part of a GitLab CI job the tests read.
type gitlabJob struct {
	Image     string            `yaml:"image"`
	Variables map[string]string `yaml:"variables"`
	Script    []string          `yaml:"script"`
	Artifacts struct {
		When    string `yaml:"when"`
		Reports struct {
			CodeQuality string `yaml:"codequality"`
		} `yaml:"reports"`
	} `yaml:"artifacts"`
}

// gitlabSnippet returns the GitLab CI job of docs/integrations.md: the YAML snippet whose
// top-level privlint key holds a script.
func gitlabSnippet(t *testing.T) gitlabJob {
	t.Helper()
	for _, b := range docBlocks(t, "yaml") {
		var jobs map[string]gitlabJob
		if yaml.Unmarshal([]byte(b), &jobs) == nil && len(jobs["privlint"].Script) > 0 {
			return jobs["privlint"]
		}
	}
	t.Fatal("docs/integrations.md has no GitLab CI job privlint")
	return gitlabJob{}
}

// codeQualityIssue is an entry of a GitLab code quality report, with the fields GitLab requires.
type codeQualityIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
			End   int `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

// TestGitLabSnippet runs the script of the GitLab CI job of docs/integrations.md, but for the
// install lines, with the privlint of the working tree on PATH, on a repository with findings in
// two files whose grant lines are the same: the job fails, and the code quality report it leaves
// has one issue per finding with every field GitLab requires and distinct fingerprints.
func TestGitLabSnippet(t *testing.T) {
	bash := lookPath(t, "bash")
	lookPath(t, "jq")
	job := gitlabSnippet(t)
	if !strings.HasPrefix(job.Image, "golang:") || job.Artifacts.When != "always" || job.Artifacts.Reports.CodeQuality == "" {
		t.Errorf("job: image %q, artifacts %+v: want a golang image and a code quality report uploaded always", job.Image, job.Artifacts)
	}
	var script []string
	installs := 0
	for _, line := range job.Script {
		switch {
		case strings.HasPrefix(line, "go install "):
			installs++
			if !strings.Contains(line, `"github.com/privlint/privlint/cmd/privlint@${PRIVLINT_VERSION}"`) || job.Variables["PRIVLINT_VERSION"] == "" {
				t.Errorf("%q with PRIVLINT_VERSION %q: want the privlint command at a version", line, job.Variables["PRIVLINT_VERSION"])
			}
		case strings.HasPrefix(line, "apt-get "):
			installs++
		default:
			script = append(script, line)
		}
	}
	if installs != 2 {
		t.Errorf("%d install lines, want go install and apt-get", installs)
	}

	dir := t.TempDir()
	writeFile(t, dir, "gpo/GptTmpl.inf", utf16Template(badTemplate))
	writeFile(t, dir, "exports/web01.inf", []byte(badTemplate))
	writeFile(t, dir, "gpo/clean.inf", utf16Template(cleanTemplate))
	writeFile(t, dir, "job.sh", []byte(strings.Join(script, "\n")+"\n"))
	// GitLab runs a job's script lines in one shell that stops at the first failing line.
	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "job.sh")
	cmd.Dir = dir
	cmd.Env = isolatedEnv(t, t.TempDir(), filepath.Dir(privlintBinary(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("the job's script: %v, want exit status 1\n%s", err, out)
	}

	var privlint struct {
		Findings []struct {
			Rule, Level, Path string
			Start             struct{ Line int }
		}
	}
	if err := json.Unmarshal(readFileT(t, filepath.Join(dir, "privlint.json")), &privlint); err != nil {
		t.Fatal(err)
	}
	var issues []codeQualityIssue
	dec := json.NewDecoder(strings.NewReader(string(readFileT(t, filepath.Join(dir, job.Artifacts.Reports.CodeQuality)))))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&issues); err != nil {
		t.Fatalf("%s: %v", job.Artifacts.Reports.CodeQuality, err)
	}
	if len(issues) != len(privlint.Findings) || len(issues) != 2 {
		t.Fatalf("%d issues for %d findings, want one per finding, 2", len(issues), len(privlint.Findings))
	}
	seen := map[string]bool{}
	for i, is := range issues {
		f := privlint.Findings[i]
		if is.Description == "" || is.CheckName != f.Rule || is.Location.Path != f.Path || is.Location.Lines.Begin != f.Start.Line ||
			is.Location.Lines.End < is.Location.Lines.Begin {
			t.Errorf("issue %+v for finding %+v", is, f)
		}
		if want := map[string]string{"error": "critical", "warning": "major", "note": "minor"}[f.Level]; is.Severity != want {
			t.Errorf("severity %q for level %s, want %q", is.Severity, f.Level, want)
		}
		if is.Fingerprint == "" || seen[is.Fingerprint] {
			t.Errorf("fingerprint %q empty or repeated", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
}
