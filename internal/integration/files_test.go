package integration

import (
	"encoding/json"
	"errors"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/report"
)

// hook is an entry of .pre-commit-hooks.yaml. Types and TypesOr are read to make sure they are
// absent.
type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Types         []string `yaml:"types"`
	TypesOr       []string `yaml:"types_or"`
	RequireSerial *bool    `yaml:"require_serial"`
}

func readHooks(t *testing.T) []hook {
	t.Helper()
	var hooks []hook
	if err := yaml.Unmarshal(readRoot(t, ".pre-commit-hooks.yaml"), &hooks); err != nil {
		t.Fatal(err)
	}
	return hooks
}

// The files the hooks must select, in the cases people write them, and files they must leave alone:
// other files.
var (
	hookSelects = []string{
		"GptTmpl.inf", "gpo/GPTTMPL.INF", "Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf", "base.Inf",
		"Setup.PS1", "scripts/setup.ps1", "Module.psm1", "MODULE.PSM1", "Manifest.psd1", "x.PsD1",
		"run.cmd", "RUN.CMD", "install.bat", "INSTALL.BAT", "a.sh", "A.SH", "b.bash", "b.Bash",
		"secpol.cfg", "exports/SECPOL.CFG", "Dockerfile", "docker/dockerfile", "Dockerfile.windows",
		"build/app.Dockerfile", "Containerfile", "roles/web/tasks/main.yml", "site.YAML", "top.sls",
		"recipes/default.rb", "manifests/init.pp", "localhost.mof", "gpreport.xml", "Baseline.PolicyRules",
		"intune.json", "exports/web01-secedit.txt", "mysecpol.cfg", "policy.INI", "base.tmpl", "x.template",
		"bin/ssh-host-config", "ps1", "DockerfileX", "Makefile",
	}
	hookSkips = []string{
		"README.md", "main.go", "cmd/privlint/main.go", "go.mod", "setup.ps1.bak",
		"infra.md", "secpol.cfg.orig", "Dockerfile.d/x.md", ".bashrc", "dir.d/.profile",
		"a.yml.bak", "x.jsonc", "a.rbx",
	}
	// otherExtensions are extensions privlint may read one day; with those of source.Languages,
	// whichever of them privlint reads must be selected by the hooks, and no other.
	otherExtensions = []string{".reg", ".vbs", ".js", ".py", ".zsh", ".ksh", ".psc1", ".ps1xml"}
)

// filesPattern is the hooks' files pattern that source.Languages implies: the extensions read or
// sniffed, names without an extension when a language is sniffed under none, and the other names
// and name prefixes; in any case.
func filesPattern() string {
	var exts, sniffed, names []string
	bare := false
	for _, d := range source.Languages {
		for _, e := range d.Extensions {
			exts = append(exts, regexp.QuoteMeta(strings.ToLower(e[1:])))
		}
		for _, e := range d.Sniffed {
			bare = bare || e == ""
			if e != "" && !slices.Contains(sniffed, regexp.QuoteMeta(strings.ToLower(e[1:]))) {
				sniffed = append(sniffed, regexp.QuoteMeta(strings.ToLower(e[1:])))
			}
		}
		for _, n := range d.Names {
			names = append(names, regexp.QuoteMeta(strings.ToLower(n)))
		}
		for _, p := range d.Prefixes {
			names = append(names, regexp.QuoteMeta(strings.ToLower(p))+`[^/]*`)
		}
	}
	if bare {
		names = slices.DeleteFunc(names, func(n string) bool { return !strings.Contains(n, `.`) })
		names = append([]string{`[^/.]+`}, names...)
	}
	return `(?i)(\.(` + strings.Join(append(exts, sniffed...), "|") + `)|(^|/)(` + strings.Join(names, "|") + `))$`
}

func TestHooksFile(t *testing.T) {
	hooks := readHooks(t)
	byID := map[string]hook{}
	for _, h := range hooks {
		byID[h.ID] = h
	}
	for id, lang := range map[string]string{"privlint": "golang", "privlint-system": "system"} {
		h, ok := byID[id]
		if !ok {
			t.Errorf("no hook %q", id)
			continue
		}
		if h.Language != lang || h.Entry != "privlint" || h.Name == "" {
			t.Errorf("hook %s: language %q entry %q name %q, want %s, privlint and a name", id, h.Language, h.Entry, h.Name, lang)
		}
		if h.Types != nil || h.TypesOr != nil {
			t.Errorf("hook %s selects by types %v %v: identify calls UTF-16 templates binary", id, h.Types, h.TypesOr)
		}
		if h.RequireSerial == nil || *h.RequireSerial {
			t.Errorf("hook %s: require_serial should be false, and written out", id)
		}
		if h.Files != hooks[0].Files {
			t.Errorf("hook %s selects other files (%q) than %s (%q)", id, h.Files, hooks[0].ID, hooks[0].Files)
		}
	}
	if len(hooks) != len(byID) || len(hooks) != 2 {
		t.Errorf("%d hooks %v: want privlint and privlint-system, once each", len(hooks), keys(byID))
	}
	if want := filesPattern(); hooks[0].Files != want {
		t.Errorf("files pattern %q, want the one source.Languages implies:\n%s", hooks[0].Files, want)
	}
	re, err := regexp.Compile(hooks[0].Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range hookSelects {
		if !re.MatchString(name) || !discover.Reads(name) {
			t.Errorf("%s: the files pattern selects it: %v, a walk reads it: %v; want both", name, re.MatchString(name), discover.Reads(name))
		}
	}
	for _, name := range hookSkips {
		if re.MatchString(name) || discover.Reads(name) {
			t.Errorf("%s: the files pattern selects it: %v, a walk reads it: %v; want neither", name, re.MatchString(name), discover.Reads(name))
		}
	}
	candidates := slices.Clone(otherExtensions)
	for _, d := range source.Languages {
		candidates = append(candidates, d.Extensions...)
		candidates = append(candidates, d.Sniffed...)
	}
	for _, ext := range candidates {
		for _, name := range []string{"x" + ext, "dir/X" + strings.ToUpper(ext)} {
			reads := discover.Reads(name)
			if selected := re.MatchString(name); selected != reads {
				t.Errorf("%s: privlint reads it: %v, the hooks select it: %v", name, reads, selected)
			}
		}
	}
}

// TestHooksPatternInPython checks the files pattern with Python's re, the engine pre-commit uses
// (re.search on the slash-separated path).
func TestHooksPatternInPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH")
	}
	args, err := json.Marshal(map[string]any{"pattern": readHooks(t)[0].Files, "select": hookSelects, "skip": hookSkips})
	if err != nil {
		t.Fatal(err)
	}
	const script = `import json, re, sys
a = json.loads(sys.argv[1])
p = re.compile(a["pattern"])
bad = [n for n in a["select"] if not p.search(n)] + ["+" + n for n in a["skip"] if p.search(n)]
print(json.dumps(bad))`
	out, err := exec.Command(python, "-c", script, string(args)).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var bad []string
	if err := json.Unmarshal(out, &bad); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, b := range bad {
		if name, ok := strings.CutPrefix(b, "+"); ok {
			t.Errorf("Python: the files pattern selects %s", name)
		} else {
			t.Errorf("Python: the files pattern does not select %s", b)
		}
	}
}

// action is the part of action.yml the tests read.
type action struct {
	Name    string `yaml:"name"`
	Inputs  map[string]actionInput
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	}
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	}
}

type actionInput struct {
	Description string  `yaml:"description"`
	Required    bool    `yaml:"required"`
	Default     *string `yaml:"default"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

func readAction(t *testing.T) action {
	t.Helper()
	var a action
	if err := yaml.Unmarshal(readRoot(t, "action.yml"), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// expression matches a GitHub Actions expression, ${{ ... }}.
var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func TestActionFile(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Runs.Using != "composite" {
		t.Errorf("name %q, runs.using %q: want a named composite action", a.Name, a.Runs.Using)
	}
	defaults := map[string]string{"path": ".", "format": "sarif", "output": "privlint.sarif", "args": ""}
	for name, want := range defaults {
		in, ok := a.Inputs[name]
		if !ok {
			t.Errorf("no input %q", name)
			continue
		}
		if in.Default == nil || *in.Default != want || in.Required || in.Description == "" {
			t.Errorf("input %s: %+v, want described, optional, default %q", name, in, want)
		}
	}
	if len(a.Inputs) != len(defaults) {
		t.Errorf("inputs %v, want %v", keys(a.Inputs), keys(defaults))
	}
	if _, ok := report.Formatters[*a.Inputs["format"].Default]; !ok {
		t.Errorf("default format %q is not one of privlint's", *a.Inputs["format"].Default)
	}

	// Every expression names an input that exists or an output of an earlier step; every input is
	// used; every run step names its shell (composite actions require it).
	used := map[string]bool{}
	ids := map[string]int{}
	for i, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q has no shell", s.Name)
		}
		texts := []string{s.Run, s.If}
		for _, v := range s.Env {
			texts = append(texts, v)
		}
		for _, text := range texts {
			for _, m := range expression.FindAllStringSubmatch(text, -1) {
				checkExpression(t, a, m[1], ids, used, s.Name)
			}
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q splices an expression into its script: pass it through env", s.Name)
		}
		if s.ID != "" {
			ids[s.ID] = i
		}
	}
	for name, out := range a.Outputs {
		m := expression.FindStringSubmatch(out.Value)
		if m == nil || out.Description == "" {
			t.Errorf("output %s: value %q, description %q", name, out.Value, out.Description)
			continue
		}
		checkExpression(t, a, m[1], ids, used, "outputs."+name)
	}
	for name := range a.Inputs {
		if !used[name] {
			t.Errorf("input %s is never used", name)
		}
	}
	if _, ok := a.Outputs["exit-code"]; !ok {
		t.Error("no output exit-code")
	}
	// The first step builds the action's own checkout, so that the action's ref pins privlint.
	build := a.Runs.Steps[0].Run
	for _, want := range []string{"command -v go", `cd "$GITHUB_ACTION_PATH"`, `go build -o "$RUNNER_TEMP/privlint" ./cmd/privlint`} {
		if !strings.Contains(build, want) {
			t.Errorf("the first step does not %q", want)
		}
	}
	if strings.Contains(build, "go install") {
		t.Error("the first step runs go install: the action's ref would not pin privlint")
	}
}

// checkExpression fails unless expr is inputs.NAME of an existing input or
// steps.ID.outputs.NAME of a step before (ids maps the ids seen so far to their index) whose script
// writes NAME to GITHUB_OUTPUT.
func checkExpression(t *testing.T, a action, expr string, ids map[string]int, used map[string]bool, where string) {
	t.Helper()
	parts := strings.Split(expr, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		if _, ok := a.Inputs[parts[1]]; !ok {
			t.Errorf("%s: ${{ %s }}: no such input", where, expr)
		}
		used[parts[1]] = true
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		i, ok := ids[parts[1]]
		if !ok {
			t.Errorf("%s: ${{ %s }}: no earlier step with id %s", where, expr, parts[1])
			return
		}
		if !strings.Contains(a.Runs.Steps[i].Run, parts[3]+"=") {
			t.Errorf("%s: ${{ %s }}: step %s does not write %s", where, expr, parts[1], parts[3])
		}
	default:
		t.Errorf("%s: unexpected expression ${{ %s }}", where, expr)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// docBlocks returns the fenced code blocks of docs/integrations.md in the language lang ("" for
// blocks without one).
func docBlocks(t *testing.T, lang string) []string {
	t.Helper()
	var (
		blocks []string
		cur    strings.Builder
		in     bool // inside a block
		keep   bool // of language lang
	)
	for _, line := range strings.Split(string(readRoot(t, "docs/integrations.md")), "\n") {
		fence := strings.HasPrefix(line, "```")
		switch {
		case fence && !in:
			in, keep = true, strings.TrimSpace(strings.TrimPrefix(line, "```")) == lang
			cur.Reset()
		case fence && in:
			if keep {
				blocks = append(blocks, cur.String())
			}
			in = false
		case in:
			cur.WriteString(line + "\n")
		}
	}
	if in {
		t.Fatal("docs/integrations.md: unterminated code block")
	}
	return blocks
}

// docSnippet returns the YAML snippet of docs/integrations.md that has the top-level key.
func docSnippet(t *testing.T, key string) string {
	t.Helper()
	for _, b := range docBlocks(t, "yaml") {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(b), &m); err == nil {
			if _, ok := m[key]; ok {
				return b
			}
		}
	}
	t.Fatalf("docs/integrations.md has no yaml snippet with %q", key)
	return ""
}

// workflow is the part of a GitHub workflow the tests read.
type workflow struct {
	Name        string            `yaml:"name"`
	On          any               `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		RunsOn string       `yaml:"runs-on"`
		Steps  []actionStep `yaml:"steps"`
	} `yaml:"jobs"`
}

// formatFlag finds the --format values in a command line or document.
var formatFlag = regexp.MustCompile(`--format[ =]([a-z]+)`)

func TestDocsSnippets(t *testing.T) {
	blocks := docBlocks(t, "yaml")
	if len(blocks) < 4 {
		t.Fatalf("%d yaml snippets in docs/integrations.md, want pre-commit, three workflows and GitLab CI", len(blocks))
	}
	a := readAction(t)
	hookIDs := map[string]bool{}
	for _, h := range readHooks(t) {
		hookIDs[h.ID] = true
	}
	var sarifWorkflows, workflows int
	for i, b := range blocks {
		var top map[string]any
		if err := yaml.Unmarshal([]byte(b), &top); err != nil {
			t.Errorf("yaml snippet %d does not parse: %v\n%s", i+1, err, b)
			continue
		}
		if _, ok := top["repos"]; ok {
			checkPreCommitSnippet(t, b, hookIDs)
			continue
		}
		if _, ok := top["privlint"]; ok {
			continue // the GitLab CI job: TestGitLabSnippet runs it
		}
		var w workflow
		if err := yaml.Unmarshal([]byte(b), &w); err != nil || len(w.Jobs) == 0 {
			t.Errorf("yaml snippet %d is neither a pre-commit configuration nor a workflow: %v", i+1, err)
			continue
		}
		workflows++
		if checkWorkflowSnippet(t, i+1, w, a) {
			sarifWorkflows++
		}
	}
	if sarifWorkflows != 1 || workflows < 3 {
		t.Errorf("%d workflows, %d uploading SARIF: want the SARIF, annotation and reviewdog workflows", workflows, sarifWorkflows)
	}
	for _, m := range formatFlag.FindAllStringSubmatch(string(readRoot(t, "docs/integrations.md")), -1) {
		if _, ok := report.Formatters[m[1]]; !ok {
			t.Errorf("docs/integrations.md uses --format %s, which privlint does not have", m[1])
		}
	}
}

func checkPreCommitSnippet(t *testing.T, snippet string, hookIDs map[string]bool) {
	t.Helper()
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID string `yaml:"id"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(snippet), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, r := range cfg.Repos {
		if r.Repo != "https://github.com/privlint/privlint" || r.Rev == "" {
			t.Errorf("pre-commit snippet: repo %q rev %q", r.Repo, r.Rev)
		}
		for _, h := range r.Hooks {
			if !hookIDs[h.ID] {
				t.Errorf("pre-commit snippet uses hook %q, which .pre-commit-hooks.yaml does not define", h.ID)
			}
		}
	}
}

// checkWorkflowSnippet checks a workflow of the docs: the privlint action is given only inputs it
// has and formats privlint has; a workflow uploading SARIF has the permission to, uploads the file
// the action writes, after it, under category privlint. It reports whether the workflow uploads
// SARIF.
func checkWorkflowSnippet(t *testing.T, n int, w workflow, a action) (uploads bool) {
	t.Helper()
	for job, j := range w.Jobs {
		if j.RunsOn == "" {
			t.Errorf("workflow %d, job %s: no runs-on", n, job)
		}
		privlintStep := -1
		var privlintOutput, privlintID string
		for i, s := range j.Steps {
			for _, m := range formatFlag.FindAllStringSubmatch(s.Run, -1) {
				if _, ok := report.Formatters[m[1]]; !ok {
					t.Errorf("workflow %d: --format %s is not one of privlint's", n, m[1])
				}
			}
			switch {
			case strings.HasPrefix(s.Uses, "privlint/privlint@"):
				privlintStep, privlintID = i, s.ID
				for k, v := range s.With {
					if _, ok := a.Inputs[k]; !ok {
						t.Errorf("workflow %d gives the action input %q, which action.yml does not have", n, k)
					}
					if k == "format" {
						if _, ok := report.Formatters[v]; !ok {
							t.Errorf("workflow %d: format %q is not one of privlint's", n, v)
						}
					}
				}
				privlintOutput = *a.Inputs["output"].Default
				if out, ok := s.With["output"]; ok {
					privlintOutput = out
				}
				if s.With["format"] == "github" && privlintOutput != "" {
					t.Errorf("workflow %d: format github writes annotations to %q, not to the log", n, privlintOutput)
				}
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				uploads = true
				if s.Uses != "github/codeql-action/upload-sarif@v4" {
					t.Errorf("workflow %d uses %s, want github/codeql-action/upload-sarif@v4", n, s.Uses)
				}
				if s.With["sarif_file"] != "privlint.sarif" || s.With["category"] != "privlint" {
					t.Errorf("workflow %d: upload-sarif with %v, want sarif_file privlint.sarif and category privlint", n, s.With)
				}
				if privlintStep < 0 || privlintOutput != s.With["sarif_file"] {
					t.Errorf("workflow %d uploads %q, but no earlier privlint step writes it", n, s.With["sarif_file"])
				} else if f := j.Steps[privlintStep].With["format"]; f != "" && f != "sarif" {
					t.Errorf("workflow %d uploads SARIF written with format %q", n, f)
				}
			}
			for _, m := range expression.FindAllStringSubmatch(s.If, -1) {
				if parts := strings.Split(m[1], "."); parts[0] == "steps" && (privlintID == "" || parts[1] != privlintID) {
					t.Errorf("workflow %d: condition %q names no earlier step", n, s.If)
				}
			}
			if strings.Contains(s.If, "outputs.") && !strings.Contains(s.If, "outputs.exit-code") {
				t.Errorf("workflow %d: condition %q reads an output the action does not have", n, s.If)
			}
		}
	}
	if uploads && w.Permissions["security-events"] != "write" {
		t.Errorf("workflow %d uploads SARIF without permissions: security-events: write (%v)", n, w.Permissions)
	}
	return uploads
}

// TestDocsAnnotationExample runs privlint on the template behind the example annotation of
// docs/integrations.md and expects exactly that line.
func TestDocsAnnotationExample(t *testing.T) {
	var example string
	for _, b := range docBlocks(t, "") {
		if strings.HasPrefix(b, "::error ") {
			example = b
		}
	}
	if example == "" {
		t.Fatal("docs/integrations.md has no example annotation")
	}
	dir := t.TempDir()
	writeFile(t, dir, "gpo/GptTmpl.inf", utf16Template(badTemplate))
	cmd := exec.Command(privlintBinary(t), "--format", "github", ".")
	cmd.Dir = dir
	out, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("privlint: %v (want exit status 1)\n%s", err, out)
	}
	if string(out) != example {
		t.Errorf("privlint writes\n%s\nthe docs show\n%s", out, example)
	}
}

// TestReadmeSnippets keeps the README's copies of snippets identical to the ones of
// docs/integrations.md, which the other tests exercise.
func TestReadmeSnippets(t *testing.T) {
	docs := string(readRoot(t, "docs/integrations.md"))
	readme := string(readRoot(t, "README.md"))
	n := 0
	for _, block := range strings.Split(readme, "```yaml\n")[1:] {
		body, _, ok := strings.Cut(block, "```")
		if !ok {
			t.Fatal("README.md: unterminated yaml block")
		}
		if strings.Contains(body, "privlint/privlint") {
			n++
			if !strings.Contains(docs, "```yaml\n"+body+"```") {
				t.Errorf("README.md's snippet is not one of docs/integrations.md's:\n%s", body)
			}
		}
	}
	if n == 0 {
		t.Error("README.md shows no integration snippet")
	}
}
