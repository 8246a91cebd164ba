package pipeline

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// Provisioning manifests, in JSON (and AWS SSM documents also in YAML), hold commands too:
//
//   - Packer templates: provisioners of type powershell, windows-shell and shell, their inline
//     commands run as one script in PowerShell, cmd and a POSIX shell.
//   - AWS Systems Manager documents: aws:runPowerShellScript and aws:runShellScript steps, their
//     inputs.runCommand lines.
//   - Azure VM extensions (CustomScriptExtension, ARM and Bicep output): settings.commandToExecute,
//     a Windows command line.
//   - Any object naming a program and its arguments as strings ("command" with "args" or
//     "arguments", as task runners, scheduled tasks and provisioning tools write them), or
//     a command line alone ("command", "commandLine", "commandToExecute").
//
// A command line is read as cmd.exe reads one: a program handed a command string (powershell
// -Command, cmd /c) has it analyzed in its language.

// ExtractJSON returns the assignments of the commands of the provisioning manifests in y, the
// JSON file f parsed (its parse shared with the Intune extractor, which reports its errors).
func ExtractJSON(f *source.File, y *yamlpos.File) []assign.Assignment {
	x := &extractor{f: f, y: y}
	for _, d := range y.Docs {
		for _, c := range d.Content {
			x.manifest(c, 0)
		}
	}
	return x.out
}

// maxManifestDepth bounds how deep the search for commands descends.
const maxManifestDepth = 32

// manifest looks for commands anywhere in n.
func (x *extractor) manifest(n *yaml.Node, depth int) {
	if n = x.y.Deref(n); n == nil || depth > maxManifestDepth {
		return
	}
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range x.y.Items(n) {
			x.manifest(c, depth+1)
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	if x.provisioner(n) {
		return
	}
	for _, p := range x.y.Pairs(n) {
		switch k := strings.ToLower(p.Key.Value); {
		case k == "commandtoexecute" || k == "commandline" || k == "command" && x.y.LookupFold(n, "args") == nil && x.y.LookupFold(n, "arguments") == nil:
			x.commandLine(p.Value, nil)
		case k == "command":
			args := x.y.LookupFold(n, "arguments")
			if args == nil {
				args = x.y.LookupFold(n, "args")
			}
			x.commandLine(p.Value, args)
		default:
			x.manifest(p.Value, depth+1)
		}
	}
}

// provisioner reads a Packer provisioner or an SSM step held by the mapping m, and reports
// whether m is one.
func (x *extractor) provisioner(m *yaml.Node) bool {
	var lang source.Lang
	var script *yaml.Node
	switch typ := strings.ToLower(scalar(x.y, x.y.Lookup(m, "type"))); typ {
	case "powershell", "windows-shell", "shell":
		lang = map[string]source.Lang{"powershell": source.LangPowerShell, "windows-shell": source.LangBatch, "shell": source.LangShell}[typ]
		script = x.y.Lookup(m, "inline")
	}
	switch strings.ToLower(scalar(x.y, x.y.Lookup(m, "action"))) {
	case "aws:runpowershellscript":
		lang = source.LangPowerShell
	case "aws:runshellscript":
		lang = source.LangShell
	}
	if lang != source.LangNone && script == nil {
		if in := x.y.Deref(x.y.Lookup(m, "inputs")); in != nil && in.Kind == yaml.MappingNode {
			script = x.y.Lookup(in, "runCommand")
		}
	}
	if lang == source.LangNone || script == nil {
		return false
	}
	x.script(script, lang, noExprs)
	return true
}

// commandLine analyzes the command line cmd (a string, or a list of strings: an argument vector),
// with args (a string, a list, or nil) after it.
func (x *extractor) commandLine(cmd, args *yaml.Node) {
	var words []*yaml.Node
	for _, n := range []*yaml.Node{cmd, args} {
		switch n = x.y.Deref(n); {
		case n == nil:
		case n.Kind == yaml.ScalarNode:
			words = append(words, n)
		case n.Kind == yaml.SequenceNode:
			for _, it := range x.y.Items(n) {
				if yamlpos.IsScalar(it) {
					words = append(words, it)
				}
			}
		}
	}
	if len(words) == 0 {
		return
	}
	// The strings are parts of one command line, joined by a blank, each keeping its position.
	var b value.Builder
	end := 0
	for i, w := range words {
		s := x.y.Scalar(w)
		if i > 0 {
			b.Byte(' ', end, end, false)
		}
		b.Append(s.Text)
		end = s.End
	}
	x.out = append(x.out, cmdline.Run(x.f, cmdline.FromLine(b.Done(end)))...)
}
