package ansible

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// userRight reads ansible.windows.win_user_right: name is the right, users the accounts, action add,
// remove or set (the default).
func (x *extractor) userRight(a args, sc scope) {
	name, lo, hi, ok := x.right(a.get("name"), sc)
	if !ok {
		return
	}
	op := assign.Set
	if act, ok := x.text(a.get("action")); ok {
		e, _ := x.expand(act, sc)
		switch strings.ToLower(strings.TrimSpace(e.S)) {
		case "set":
		case "remove":
			op = assign.Revoke
		default: // add, or an action known only at run time: at least a grant
			op = assign.Grant
		}
	}
	accounts, truncated := x.accounts(a.get("users"), sc)
	x.out = append(x.out, assign.Assignment{
		Right: name, Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: op,
		Accounts: accounts, Truncated: truncated, Via: "win_user_right",
	})
}

// securityPolicy reads community.windows.win_security_policy with section Privilege Rights: key is
// the right and value the raw template value, which replaces the right's list.
func (x *extractor) securityPolicy(a args, sc scope) {
	section, _ := x.word(a.get("section"), sc)
	if section != strings.ToLower(inf.SectionName) {
		return
	}
	key, ok := x.text(a.get("key"))
	val, ok2 := x.text(a.get("value"))
	if !ok || !ok2 {
		return
	}
	k, ks := x.expand(key, sc)
	v, vs := x.expand(val, sc)
	x.add(yamlpos.INFLine(x.f, k, v, append(ks, vs...)), "win_security_policy", "")
}

// lineInFile reads win_lineinfile writing a `Right = accounts` line of a security template.
func (x *extractor) lineInFile(a args, sc scope) {
	if state, _ := x.word(a.get("state"), sc); state == "absent" {
		return
	}
	line, ok := x.text(a.get("line"))
	if !ok {
		return
	}
	e, substituted := x.expand(line, sc)
	eq := strings.IndexByte(e.S, '=')
	if eq < 0 || !x.f.Rights().Names(e.S[:eq]) {
		return
	}
	x.add(yamlpos.INFLine(x.f, e.Slice(0, eq), e.Slice(eq+1, e.Len()), substituted), "win_lineinfile", "")
}

// privilegeSection finds a [Privilege Rights] header in text.
var privilegeSection = regexp.MustCompile(`(?i)\[\s*privilege\s+rights\s*\]`)

// copyContent reads win_copy whose content is a security template.
func (x *extractor) copyContent(a args, sc scope) {
	c, ok := x.text(a.get("content"))
	if !ok {
		return
	}
	e, substituted := x.expand(c, sc)
	if !privilegeSection.MatchString(e.S) {
		return
	}
	x.add(yamlpos.INF(x.f, e, substituted), "win_copy", fmt.Sprintf("win_copy@%d", e.Offset(0)))
}

// template reads win_template whose source is a security template. The template is read beside the
// role or playbook; its assignments are reported at the task's src.
func (x *extractor) template(a args, sc scope) {
	src, ok := x.text(a.get("src"))
	if !ok {
		return
	}
	e, _ := x.expand(src, sc)
	if e.AnyUnresolved() {
		return
	}
	lo, hi := e.Span(0, e.Len())
	text := x.readTemplate(strings.TrimSpace(e.S), lo)
	if !privilegeSection.Match(text) {
		return
	}
	pos, end := x.f.Pos(lo), x.f.Pos(hi)
	scopeName := fmt.Sprintf("win_template@%d", lo)
	for _, entry := range inf.Parse(renderTemplate(text, sc, lo)).Entries {
		as := assign.Assignment{Right: entry.Key, Pos: pos, End: end, Op: assign.Set, Via: "win_template", Scope: scopeName, Truncated: entry.Rest > 0}
		if entry.Rest > 0 {
			assign.TooMany(x.f, lo) // the template's own offsets are in another file: reported at src
		}
		for _, acc := range entry.Accounts {
			as.Accounts = append(as.Accounts, assign.Account{
				Text: acc.Text, Pos: pos, End: end, Unresolved: strings.Contains(acc.Text, "{{"),
			})
		}
		x.out = append(x.out, as)
	}
}

// readTemplate reads the template src names, relative to the role's templates directory or to the
// file's own directory; nil when there is none. An absolute path is not followed: privlint reads the
// repository it is given, nothing else. The first candidate that exists is the template, as for
// Ansible; when the scan's reader refuses it (a symbolic link, a path that climbs out of the
// scanned tree, ...), that is a problem at off, the offset of src, and there is no template.
func (x *extractor) readTemplate(src string, off int) []byte {
	if src == "" || filepath.IsAbs(src) || strings.HasPrefix(src, `\\`) || (len(src) > 1 && src[1] == ':') {
		return nil
	}
	dir := filepath.Dir(x.name)
	candidates := []string{filepath.Join(dir, "templates", src), filepath.Join(dir, src)}
	if root, ok := source.AnsibleRole(x.name); ok {
		candidates = append([]string{filepath.Join(root, "templates", src)}, candidates...)
	}
	for _, c := range candidates {
		if raw, found := x.f.Beside(off, c); found {
			text, _, _ := source.Decode(raw)
			return text
		}
	}
	return nil
}

// jinjaStatement matches a Jinja statement or comment.
var jinjaStatement = regexp.MustCompile(`(?s)\{%.*?%\}|\{#.*?#\}`)

// renderTemplate renders what privlint can of a template: statements and comments dropped, the
// expressions it can evaluate to a string replaced, the others left as written. Evaluations are
// charged at the offset at, where the task names the template.
func renderTemplate(text []byte, sc scope, at int) []byte {
	s := jinjaStatement.ReplaceAllString(string(text), "")
	var b strings.Builder
	last := 0
	for _, e := range yamlpos.Expressions(s) {
		b.WriteString(s[last:e[0]])
		if v, ok := sc.eval(s[e[0]+2:e[1]-2], at, at, 0); ok && v.Kind == value.Str {
			b.WriteString(v.Text.S)
		} else {
			b.WriteString(s[e[0]:e[1]])
		}
		last = e[1]
	}
	b.WriteString(s[last:])
	return []byte(b.String())
}

// script reads the script of win_shell (PowerShell, or cmd with executable: cmd) and
// win_powershell, and analyzes it in its language.
func (x *extractor) script(mod string, a args, sc scope) {
	body, ok := x.command1(a, "script", "_raw_params", "cmd")
	if !ok {
		return
	}
	e, _ := x.expand(body, sc)
	if !cmdline.MayReport(x.f, e.S) { // most scripts set registry values or install software
		return
	}
	lang, commandLine := source.LangPowerShell, false
	if exe, _ := x.word(a.get("executable"), sc); mod == "win_shell" && strings.Contains(exe, "cmd") {
		lang, commandLine = source.LangBatch, true
	}
	x.out = append(x.out, cmdline.Nest(x.f, lang, e, commandLine)...)
}

// command reads win_command: a command line, or an argv list.
func (x *extractor) command(a args, sc scope) {
	if line, ok := x.command1(a, "_raw_params", "cmd"); ok {
		e, _ := x.expand(line, sc)
		x.out = append(x.out, cmdline.Run(x.f, cmdline.FromLine(e))...)
		return
	}
	argv := a.get("argv").node
	if argv == nil || argv.Kind != yaml.SequenceNode {
		return
	}
	if c, ok := x.y.CutOf(argv); ok {
		x.f.Problemf(c.Past, "this argv list holds %d more arguments; they are not analyzed", c.Left)
	}
	var list []cmdline.Arg
	for _, it := range x.y.Items(argv) {
		if !yamlpos.IsScalar(it) {
			return
		}
		e, _ := x.expand(x.y.Scalar(it).Text, sc)
		list = append(list, cmdline.Arg{Value: e})
	}
	if len(list) > 0 {
		x.out = append(x.out, cmdline.Run(x.f, cmdline.FromArgs(list))...)
	}
}

// command1 returns a module's command: its free-form string, or the first of keys it has.
func (x *extractor) command1(a args, keys ...string) (value.Text, bool) {
	if a.free != nil {
		return *a.free, true
	}
	for _, k := range keys {
		if t, ok := x.text(a.get(k)); ok {
			return t, true
		}
	}
	return value.Text{}, false
}

// add appends assignments read through another format, naming the module and the scope.
func (x *extractor) add(as []assign.Assignment, via, scopeName string) {
	for i := range as {
		as[i].Via, as[i].Scope = via, scopeName
	}
	x.out = append(x.out, as...)
}
