// Package pipeline reads the scripts of CI pipelines written in YAML and hands each to the
// extractor of the language its runner runs it in:
//
//   - GitHub Actions workflows and composite actions: each step's run, in its shell (the step's,
//     else the job's or the workflow's defaults.run.shell, else pwsh on Windows runners and bash
//     on others).
//   - Azure Pipelines: script (cmd on Windows agents, bash on others), bash, pwsh and powershell
//     steps, and the inline scripts of the PowerShell, CmdLine, Bash, AzurePowerShell and AzureCLI
//     tasks, in stages, jobs and steps.
//   - GitLab CI: each job's script, before_script and after_script (and the default ones), in
//     PowerShell on Windows runners (a job tagged windows, or a Windows image) and in a POSIX shell
//     on others.
//
// A runner is a Windows one when its label, pool, image or tags say so (windows, win, servercore,
// nanoserver), or when a matrix the label is taken from lists one. The pipeline's own expressions
// (${{ }}, $( ), $[ ]) are known only at run time: their text is kept as written, so an account
// such as CONTOSO\${{ inputs.user }} is read by its written part.
package pipeline

import (
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// Extract returns the assignments of the scripts of the pipeline documents in y, the YAML file f
// parsed (its parse shared with the Ansible extractor, which reports its errors). Documents that
// are not pipelines give nothing.
func Extract(f *source.File, y *yamlpos.File) []assign.Assignment {
	x := &extractor{f: f, y: y}
	for _, d := range y.Docs {
		if len(d.Content) > 0 {
			if root := y.Deref(d.Content[0]); root != nil && root.Kind == yaml.MappingNode {
				x.document(root)
			}
		}
	}
	return x.out
}

type extractor struct {
	f   *source.File
	y   *yamlpos.File
	out []assign.Assignment
}

// document reads one YAML document whose root is a mapping, as the pipeline its keys make it.
func (x *extractor) document(root *yaml.Node) {
	get := func(key string) *yaml.Node { return x.y.Lookup(root, key) }
	switch jobs := get("jobs"); {
	case jobs != nil && jobs.Kind == yaml.MappingNode: // GitHub Actions workflow
		x.github(root, jobs)
	case get("runs") != nil: // GitHub composite action: every run step names its shell
		if runs := get("runs"); runs.Kind == yaml.MappingNode {
			x.githubSteps(x.y.Lookup(runs, "steps"), "", false)
		}
	case x.mappings(get("mainSteps")): // AWS Systems Manager document
		for _, st := range x.y.Items(get("mainSteps")) {
			x.provisioner(st)
		}
	case x.mappings(get("stages")) || x.mappings(get("steps")) || x.mappings(jobs): // Azure Pipelines
		x.azure(root, windowsPool(x.y, root))
	default: // GitLab CI: every mapping with a script is a job
		x.gitlab(root)
	}
}

// mappings reports whether n is a sequence of mappings (Azure's stages, jobs and steps; GitLab's
// stages are names).
func (x *extractor) mappings(n *yaml.Node) bool {
	if n = x.y.Deref(n); n == nil || n.Kind != yaml.SequenceNode {
		return false
	}
	for _, it := range x.y.Items(n) {
		if it = x.y.Deref(it); it == nil || it.Kind != yaml.MappingNode {
			return false
		}
	}
	return len(n.Content) > 0
}

// script analyzes the script t in the language lang. The pipeline's expressions in it (spans of
// t) are known only at run time.
func (x *extractor) script(n *yaml.Node, lang source.Lang, exprs *regexp.Regexp) {
	if n = x.y.Deref(n); n == nil {
		return
	}
	var t value.Text
	switch n.Kind {
	case yaml.ScalarNode:
		t = x.y.Scalar(n).Text
	case yaml.SequenceNode: // GitLab: one command a line
		var b value.Builder
		end := x.y.Offset(n)
		for _, it := range x.y.Items(n) {
			if it = x.y.Deref(it); it == nil || it.Kind != yaml.ScalarNode {
				continue
			}
			s := x.y.Scalar(it)
			b.Append(s.Text)
			b.Byte('\n', s.End, s.End, false)
			end = s.End
		}
		t = b.Done(end)
	default:
		return
	}
	if t = runtime(t, exprs); !cmdline.MayReport(x.f, t.S) { // most steps build, test and deploy
		return
	}
	x.out = append(x.out, cmdline.Nest(x.f, lang, t, false)...)
}

// runtime returns t with the spans exprs matches marked as known only at run time. Their bytes
// become letters, so that the script's language reads each as part of a word, and map one to one
// onto the expression as written, so that an account holding one shows it.
func runtime(t value.Text, exprs *regexp.Regexp) value.Text {
	spans := exprs.FindAllStringIndex(t.S, -1)
	if len(spans) == 0 {
		return t
	}
	var b value.Builder
	last := 0
	for _, s := range spans {
		b.Append(t.Slice(last, s[0]))
		for i := s[0]; i < s[1]; i++ {
			lo, hi := t.Span(i, i+1)
			b.Byte('x', lo, hi, true)
		}
		last = s[1]
	}
	b.Append(t.Slice(last, t.Len()))
	return b.Done(t.Offset(t.Len()))
}

// Expressions of each kind of pipeline: GitHub ${{ }}; Azure ${{ }}, $( ) and $[ ].
var (
	githubExprs = regexp.MustCompile(`\$\{\{.*?\}\}`)
	azureExprs  = regexp.MustCompile(`\$\{\{.*?\}\}|\$\([A-Za-z_][\w.]*\)|\$\[.*?\]`)
	noExprs     = regexp.MustCompile(`$^`)
)

// windowsWords are the words in a runner label, pool, image or tag that make it a Windows one.
var windowsWords = regexp.MustCompile(`(?i)windows|\bwin\b|\bwin-|servercore|nanoserver`)

// mentionsWindows reports whether a scalar anywhere in n (at most a few levels down) names a
// Windows runner.
func mentionsWindows(y *yamlpos.File, n *yaml.Node) bool {
	var walk func(n *yaml.Node, depth int) bool
	walk = func(n *yaml.Node, depth int) bool {
		if n = y.Deref(n); n == nil || depth > 4 {
			return false
		}
		if n.Kind == yaml.ScalarNode {
			return windowsWords.MatchString(n.Value)
		}
		for _, c := range n.Content {
			if walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(n, 0)
}

// shellLang returns the language of a shell named in a pipeline (pwsh, powershell, cmd, bash,
// sh, or a command line starting with one); false for others (python, a custom program).
func shellLang(s string) (source.Lang, bool) {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) == 0 {
		return source.LangNone, false
	}
	name := fields[0]
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, ".exe")
	switch name {
	case "cmd":
		return source.LangBatch, true
	case "pscore", "ps":
		return source.LangPowerShell, true
	case "batch":
		return source.LangBatch, true
	}
	if l := source.Interpreter(name); l != source.LangNone {
		return l, true
	}
	return source.LangNone, false
}

// scalar returns the value of n when it is a scalar, else "".
func scalar(y *yamlpos.File, n *yaml.Node) string {
	if n = y.Deref(n); n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

// github reads a workflow's jobs.
func (x *extractor) github(root, jobs *yaml.Node) {
	shell := scalar(x.y, x.defaultsShell(root))
	for _, p := range x.y.Pairs(jobs) {
		job := x.y.Deref(p.Value)
		if job == nil || job.Kind != yaml.MappingNode {
			continue
		}
		jobShell := shell
		if s := scalar(x.y, x.defaultsShell(job)); s != "" {
			jobShell = s
		}
		runsOn := x.y.Lookup(job, "runs-on")
		windows := mentionsWindows(x.y, runsOn)
		if !windows && strings.Contains(scalar(x.y, runsOn), "${{") {
			windows = mentionsWindows(x.y, x.y.Lookup(job, "strategy"))
		}
		x.githubSteps(x.y.Lookup(job, "steps"), jobShell, windows)
	}
}

// defaultsShell returns the node of defaults.run.shell in m, or nil.
func (x *extractor) defaultsShell(m *yaml.Node) *yaml.Node {
	d := x.y.Lookup(m, "defaults")
	if d == nil || d.Kind != yaml.MappingNode {
		return nil
	}
	r := x.y.Lookup(d, "run")
	if r == nil || r.Kind != yaml.MappingNode {
		return nil
	}
	return x.y.Lookup(r, "shell")
}

// githubSteps reads the run steps of a job or composite action: shell is the default the job
// sets ("" for none), windows whether it runs on Windows.
func (x *extractor) githubSteps(steps *yaml.Node, shell string, windows bool) {
	if steps = x.y.Deref(steps); steps == nil || steps.Kind != yaml.SequenceNode {
		return
	}
	for _, st := range x.y.Items(steps) {
		if st = x.y.Deref(st); st == nil || st.Kind != yaml.MappingNode {
			continue
		}
		run := x.y.Lookup(st, "run")
		if run == nil {
			continue
		}
		name := shell
		if s := scalar(x.y, x.y.Lookup(st, "shell")); s != "" {
			name = s
		}
		if name == "" {
			name = "bash"
			if windows {
				name = "pwsh"
			}
		}
		if lang, ok := shellLang(name); ok {
			x.script(run, lang, githubExprs)
		}
	}
}

// windowsPool reports whether the pool (or the vmImage of a job's strategy) m names runs Windows.
func windowsPool(y *yamlpos.File, m *yaml.Node) bool {
	return mentionsWindows(y, y.Lookup(m, "pool"))
}

// azure reads an Azure Pipelines mapping (the pipeline, a stage or a job): its stages, jobs and
// steps. windows is whether the pool around it is a Windows one.
func (x *extractor) azure(m *yaml.Node, windows bool) {
	for _, key := range []string{"stages", "jobs"} {
		seq := x.y.Deref(x.y.Lookup(m, key))
		if seq == nil || seq.Kind != yaml.SequenceNode {
			continue
		}
		for _, it := range x.y.Items(seq) {
			if it = x.y.Deref(it); it != nil && it.Kind == yaml.MappingNode {
				w := windows
				if x.y.Lookup(it, "pool") != nil {
					w = windowsPool(x.y, it)
				}
				x.azure(it, w)
			}
		}
	}
	steps := x.y.Deref(x.y.Lookup(m, "steps"))
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return
	}
	for _, st := range x.y.Items(steps) {
		if st = x.y.Deref(st); st != nil && st.Kind == yaml.MappingNode {
			x.azureStep(st, windows)
		}
	}
}

// azureTasks maps an Azure task (its name before @, lower case) to the input holding its inline
// script and the language of the script; "" takes the language from the scriptType input.
var azureTasks = map[string]struct {
	input string
	lang  source.Lang
}{
	"powershell":      {"script", source.LangPowerShell},
	"cmdline":         {"script", source.LangBatch},
	"bash":            {"script", source.LangShell},
	"azurepowershell": {"inline", source.LangPowerShell},
	"azurecli":        {"inlinescript", source.LangNone},
}

// azureStep reads one step.
func (x *extractor) azureStep(st *yaml.Node, windows bool) {
	for _, p := range x.y.Pairs(st) {
		var lang source.Lang
		switch strings.ToLower(p.Key.Value) {
		case "script":
			lang = source.LangShell
			if windows {
				lang = source.LangBatch
			}
		case "bash":
			lang = source.LangShell
		case "pwsh", "powershell":
			lang = source.LangPowerShell
		case "task":
			x.azureTask(st, scalar(x.y, p.Value))
			continue
		default:
			continue
		}
		x.script(p.Value, lang, azureExprs)
	}
}

// azureTask reads the inline script of a task step.
func (x *extractor) azureTask(st *yaml.Node, task string) {
	name, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(task)), "@")
	t, ok := azureTasks[name]
	inputs := x.y.Deref(x.y.Lookup(st, "inputs"))
	if !ok || inputs == nil || inputs.Kind != yaml.MappingNode {
		return
	}
	lang := t.lang
	if lang == source.LangNone {
		if lang, ok = shellLang(scalar(x.y, x.y.LookupFold(inputs, "scriptType"))); !ok {
			return
		}
	}
	if n := x.y.LookupFold(inputs, t.input); n != nil {
		x.script(n, lang, azureExprs)
	}
}

// gitlabKeys are the keys of a GitLab job that hold its scripts.
var gitlabKeys = []string{"before_script", "script", "after_script"}

// gitlab reads the jobs of a GitLab CI file: the top-level mappings with a script, and default.
func (x *extractor) gitlab(root *yaml.Node) {
	def := x.y.Deref(x.y.Lookup(root, "default"))
	defWindows := def != nil && def.Kind == yaml.MappingNode && x.gitlabWindows(def)
	for _, p := range x.y.Pairs(root) {
		job := x.y.Deref(p.Value)
		if job == nil || job.Kind != yaml.MappingNode {
			continue
		}
		windows := defWindows
		if x.y.Lookup(job, "tags") != nil || x.y.Lookup(job, "image") != nil {
			windows = x.gitlabWindows(job)
		}
		lang := source.LangShell
		if windows {
			lang = source.LangPowerShell
		}
		for _, k := range gitlabKeys {
			if n := x.y.Lookup(job, k); n != nil {
				x.script(n, lang, noExprs)
			}
		}
	}
}

// gitlabWindows reports whether a job's tags or image name a Windows runner.
func (x *extractor) gitlabWindows(job *yaml.Node) bool {
	return mentionsWindows(x.y, x.y.Lookup(job, "tags")) || mentionsWindows(x.y, x.y.Lookup(job, "image"))
}
