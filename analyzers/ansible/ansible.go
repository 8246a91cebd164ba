// Package ansible extracts the user-right assignments of Ansible playbooks, task files and roles:
// win_user_right and win_security_policy tasks, win_dsc running a DSC resource package forms knows,
// security templates written with win_lineinfile, win_copy and win_template, and scripts run with
// win_shell, win_command and win_powershell.
// Jinja variables are resolved from the task's, block's and play's vars and from the role's
// vars/main.yml and defaults/main.yml; anything else is an unresolved account carrying its text.
// FORMS.md lists the forms it reads.
package ansible

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// Extract parses f.Text as Ansible YAML and returns its assignments, with positions in f. Variables
// of the role f.Name belongs to, and templates, are read through f.Beside, the scan's confined
// reader. A syntax error is recorded on f when the file mentions user rights (other YAML, such as
// Helm templates, is skipped quietly); the documents before it are still analyzed.
func Extract(f *source.File) []assign.Assignment {
	y, errs := yamlpos.Parse(f.Text)
	yamlpos.Report(f, errs, "YAML")
	y.ChargeTo(f)
	return ExtractParsed(f, y)
}

// ExtractParsed is Extract over y, f's text as yamlpos parsed it (and reported and charged it to
// f): the YAML file's other readers (CI pipelines) share the one parse.
func ExtractParsed(f *source.File, y *yamlpos.File) []assign.Assignment {
	x := &extractor{f: f, y: y, name: f.Name}
	sc := newScope(roleLayers(f), f, y)
	for _, d := range y.Docs {
		x.walk(d, sc, 0)
	}
	return x.out
}

// maxDepth bounds how deep the walk descends: mappings in mappings, such as blocks in blocks (a
// block is one mapping deeper than the task list holding it), and lists directly in lists.
const maxDepth = 64

type extractor struct {
	f            *source.File
	y            *yamlpos.File
	name         string // the file's path, for templates next to it
	out          []assign.Assignment
	deepReported bool // a part nested deeper than maxDepth is reported
	loopReported bool // a loop longer than maxLoop is reported
}

// walk looks for tasks anywhere in n: plays, their tasks, pre_tasks, post_tasks and handlers, blocks
// with rescue and always, task files. Aliases are not followed: what they name is walked where it
// is written. depth counts the mappings n is in, and the lists directly in lists; what is nested
// deeper than maxDepth is not read, and the first place that is is reported.
func (x *extractor) walk(n *yaml.Node, sc scope, depth int) {
	if n == nil {
		return
	}
	if depth > maxDepth {
		if !x.deepReported {
			x.deepReported = true
			x.f.Problemf(x.y.Offset(n), "YAML nests more than %d levels deep here (blocks in blocks, mappings in mappings); what is nested deeper is not analyzed", maxDepth)
		}
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			x.walk(c, sc, depth)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			d := depth
			if c.Kind == yaml.SequenceNode {
				d++
			}
			x.walk(c, sc, d)
		}
	case yaml.MappingNode:
		if v := x.y.Lookup(n, "vars"); v != nil && v.Kind == yaml.MappingNode {
			sc = sc.with(layer{vars: v, local: true})
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "vars" {
				continue
			}
			if mod := moduleName(k.Value); mod != "" {
				x.task(n, mod, v, sc)
				continue
			}
			if k.Value == "action" || k.Value == "local_action" {
				x.action(n, v, sc)
				continue
			}
			if v.Kind != yaml.AliasNode {
				x.walk(v, sc, depth+1)
			}
		}
	}
}

// modules are the modules privlint reads, by their short names.
var modules = map[string]bool{
	"win_user_right": true, "win_security_policy": true, "win_lineinfile": true, "win_copy": true,
	"win_template": true, "win_shell": true, "win_command": true, "win_powershell": true,
	"win_dsc": true,
}

// moduleName returns the short name of a module privlint reads, written alone (win_user_right) or
// with its collection (ansible.windows.win_user_right), or "".
func moduleName(key string) string {
	name := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		if strings.Count(key, ".") != 2 {
			return ""
		}
		name = key[i+1:]
	}
	if modules[name] {
		return name
	}
	return ""
}

// action reads a task written with `action:` or `local_action:`: a string "module key=value ...", or
// a mapping with `module:` and the arguments.
func (x *extractor) action(task, v *yaml.Node, sc scope) {
	v = x.y.Deref(v)
	switch {
	case yamlpos.IsScalar(v):
		t := x.y.Scalar(v).Text
		i := 0
		for i < t.Len() && isBlank(t.S[i]) {
			i++
		}
		start := i
		for i < t.Len() && !isBlank(t.S[i]) {
			i++
		}
		if mod := moduleName(t.S[start:i]); mod != "" {
			x.taskArgs(task, mod, argsOf(t.Slice(i, t.Len()), mod), sc)
		}
	case v != nil && v.Kind == yaml.MappingNode:
		m := x.y.Lookup(v, "module")
		if yamlpos.IsScalar(m) {
			if mod := moduleName(m.Value); mod != "" {
				x.taskArgs(task, mod, args{m: v}, sc)
			}
		}
	}
}

// task reads the task mapping holding module mod with the value v.
func (x *extractor) task(task *yaml.Node, mod string, v *yaml.Node, sc scope) {
	v = x.y.Deref(v)
	var a args
	switch {
	case v != nil && v.Kind == yaml.MappingNode:
		a = args{m: v}
	case yamlpos.IsScalar(v):
		s := x.y.Scalar(v)
		a = argsOf(s.Text, mod)
	}
	x.taskArgs(task, mod, a, sc)
}

// taskArgs completes a task's arguments with its `args:` mapping and runs the module's reader, once
// for each item of the task's loop.
func (x *extractor) taskArgs(task *yaml.Node, mod string, a args, sc scope) {
	a.y = x.y
	if extra := x.y.Lookup(task, "args"); extra != nil && extra.Kind == yaml.MappingNode {
		a.extra = extra
	}
	for _, s := range x.loop(task, sc) {
		switch mod {
		case "win_user_right":
			x.userRight(a, s)
		case "win_security_policy":
			x.securityPolicy(a, s)
		case "win_lineinfile":
			x.lineInFile(a, s)
		case "win_copy":
			x.copyContent(a, s)
		case "win_template":
			x.template(a, s)
		case "win_shell", "win_powershell":
			x.script(mod, a, s)
		case "win_command":
			x.command(a, s)
		case "win_dsc":
			x.dsc(a, s)
		}
	}
}

// maxLoop bounds the loop items a task is read for.
const maxLoop = 100

// loop returns the scopes a task runs in: one per item of its loop (loop, with_items, with_list),
// with the loop variable (item, or loop_control.loop_var) bound; or the scope itself when the task
// has no loop privlint can read.
func (x *extractor) loop(task *yaml.Node, sc scope) []scope {
	var list *yaml.Node
	local, flatten := true, false
	for _, key := range []string{"loop", "with_items", "with_list"} {
		if list = x.y.Lookup(task, key); list != nil {
			flatten = key == "with_items"
			break
		}
	}
	if yamlpos.IsScalar(list) { // loop: "{{ var }}"
		exprs := yamlpos.Expressions(list.Value)
		if len(exprs) != 1 || strings.TrimSpace(list.Value) != list.Value[exprs[0][0]:exprs[0][1]] {
			return []scope{sc}
		}
		n, isLocal, ok := sc.lookupPath(strings.TrimSpace(list.Value[exprs[0][0]+2 : exprs[0][1]-2]))
		if !ok {
			return []scope{sc}
		}
		list, local = n, isLocal
	}
	items := x.y.Items(list)
	if list == nil || list.Kind != yaml.SequenceNode || len(items) == 0 {
		return []scope{sc}
	}
	if flatten {
		var flat []*yaml.Node
		for _, it := range items {
			if it != nil && it.Kind == yaml.SequenceNode {
				flat = append(flat, x.y.Items(it)...)
			} else {
				flat = append(flat, it)
			}
		}
		items = flat
	}
	name := "item"
	if lv := x.y.Lookup(x.y.Lookup(task, "loop_control"), "loop_var"); yamlpos.IsScalar(lv) {
		name = lv.Value
	}
	count := len(items)
	if c, ok := x.y.CutOf(list); ok {
		count += c.Left // scalars the parser left out, each one item
	}
	if count > maxLoop && !x.loopReported {
		x.loopReported = true
		x.f.Problemf(x.y.Offset(task), "a loop of %d items: the task is read for the first %d only", count, maxLoop)
	}
	var out []scope
	for _, it := range items[:min(len(items), maxLoop)] {
		out = append(out, sc.with(layer{name: name, value: it, local: local}))
	}
	return out
}
