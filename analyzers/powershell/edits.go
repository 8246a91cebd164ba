package powershell

import (
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/value"
)

// A security template is often not written whole but edited: a secedit export patched with
// -replace or .Replace(), or lines appended to it with Add-Content, Out-File or >>, then applied
// with secedit /configure. The lines such an edit writes are read here as grants of the accounts
// they name: what the export held before is not known.

// viaEdit is how an edited template line is written.
const viaEdit = "template edit"

// groupRef matches a reference to what a -replace pattern matched, at the start of a replacement:
// $1, ${name}, $0, $&. The text it stands for is the export's, not known here.
var groupRef = regexp.MustCompile(`^\$(\d+|\{[^}]*\}|&)`)

// fileWriters are the commands whose values (-Value, -InputObject, or what is piped in) are
// written to a file as lines.
var fileWriters = map[string]cmdSpec{
	"add-content": contentSpec,
	"set-content": contentSpec,
	"out-file": {
		{name: "filepath", aliases: []string{"path"}, position: 0},
		{name: "encoding", position: 1},
		{name: "inputobject", position: -1},
		{name: "append", isSwitch: true, position: -1},
		{name: "force", isSwitch: true, position: -1},
		{name: "noclobber", isSwitch: true, position: -1},
		{name: "nonewline", isSwitch: true, position: -1},
		{name: "width", position: -1},
		{name: "literalpath", position: -1},
	},
}

var contentSpec = cmdSpec{
	{name: "path", position: 0},
	{name: "value", position: 1},
	{name: "literalpath", aliases: []string{"pspath", "lp"}, position: -1},
	{name: "encoding", position: -1},
	{name: "force", isSwitch: true, position: -1},
	{name: "nonewline", isSwitch: true, position: -1},
	{name: "passthru", isSwitch: true, position: -1},
	{name: "stream", position: -1},
	{name: "filter", position: -1},
	{name: "include", position: -1},
	{name: "exclude", position: -1},
	{name: "credential", position: -1},
	{name: "asbytestream", isSwitch: true, position: -1},
}

// writeFile reads what Add-Content, Set-Content or Out-File writes: the value of -Value
// (-InputObject), else what is piped in.
func (w *walker) writeFile(cmd *Command, spec cmdSpec, input pv, haveInput bool) {
	b := w.bind(spec, cmd)
	v, ok := b.get("value")
	if !ok {
		v, ok = b.get("inputobject")
	}
	if !ok && haveInput {
		v, ok = input, true
	}
	if ok {
		w.writtenLines(v)
	}
}

// writtenLines reads the `Right = accounts` lines of the strings v writes to a file, one item or
// line of text a line. A string holding a [Privilege Rights] section is a template, read where it
// is written (walker.template), not here.
func (w *walker) writtenLines(v pv) {
	if w.quiet > 0 {
		return
	}
	for _, it := range w.expand(v) {
		if it.Kind != value.Str && !partial(it.Value) || it.Text.Len() > value.MaxValue || holdsTemplate(it.Text.S) {
			continue
		}
		w.editLines(it.Text, it.flow, nil)
	}
}

// editLines reads each `Right = accounts` line of t as a grant of the accounts, each carrying flow.
// When pattern is not nil t replaces what it matched: a line that starts with a reference to the
// match ($1, the export's line) followed by accounts grants them the right the pattern names.
func (w *walker) editLines(t value.Text, flow []assign.Step, pattern *value.Text) {
	for start := 0; start <= t.Len(); {
		end := strings.IndexByte(t.S[start:], '\n')
		if end < 0 {
			end = t.Len()
		} else {
			end += start
		}
		line := t.Slice(start, end)
		start = end + 1
		if pattern != nil {
			if m := groupRef.FindStringIndex(line.S); m != nil {
				if right, ok := w.rightIn(*pattern); ok {
					w.editGrant(right, line.Slice(m[1], line.Len()), flow)
				}
				continue
			}
		}
		eq := strings.IndexByte(line.S, '=')
		if eq < 0 || line.Unresolved(0, eq) {
			continue
		}
		ks, ke := value.TrimBlanks(line.S, 0, eq)
		right := line.Slice(ks, ke)
		if ks == ke || !w.rightLike(pv{Value: value.Value{Kind: value.Str, Text: right}}) {
			continue
		}
		w.editGrant(right, line.Slice(eq+1, line.Len()), flow)
	}
}

// rightIn finds the first of the checked rights (or a near miss) a -replace pattern or .Replace
// argument names.
func (w *walker) rightIn(pattern value.Text) (value.Text, bool) {
	for _, m := range word.FindAllStringIndex(pattern.S, -1) {
		t := pattern.Slice(m[0], m[1])
		if !pattern.Unresolved(m[0], m[1]) && w.rightLike(pv{Value: value.Value{Kind: value.Str, Text: t}}) {
			return t, true
		}
	}
	return value.Text{}, false
}

var word = regexp.MustCompile(`[A-Za-z_]+`)

// editGrant records the grant of right to the accounts of the comma-separated list t, each
// carrying flow. References to what a pattern matched ($1) are the export's holders, not known
// here, and are left out.
func (w *walker) editGrant(right, t value.Text, flow []assign.Step) {
	accounts := value.NewList()
	for el := range value.Split(t, value.Commas) {
		if len(accounts.Elems) == assign.MaxAccounts {
			accounts.Cut, accounts.CutAt = true, el.Text.Offset(0)
			break
		}
		if a := strings.Trim(el.Text.S, `"`); len(a) <= maxScalarText {
			if m := groupRef.FindStringIndex(a); m != nil && m[1] == len(a) {
				continue // $1: the export's holders
			}
		}
		accounts.Append(value.Of(el.Text))
	}
	if len(accounts.Elems) == 0 && !accounts.Cut {
		return
	}
	w.emit(assign.Grant, viaEdit, "", []pv{{Value: value.Value{Kind: value.Str, Text: right}}}, []pv{{Value: accounts, flow: flow}})
}

// lineStart matches a pattern that is the start of a template line as secedit /export writes it,
// `Right = `: the edit inf.Patch reads.
var lineStart = regexp.MustCompile(`^[ \t]*[^\s=\[\]]+[ \t]*=[ \t]*$`)

// replaced reads a template edit written as text -replace pattern, replacement (regex) or as
// text.Replace(pattern, replacement). A line's start replaced with the line's start and accounts
// (`Right = ` by `Right = acct,`) is the edit every language reads alike (inf.Patch); otherwise the
// lines the replacement writes are read, a reference to the match at a line's start ($1) standing
// for the export's line of the right a regex pattern names.
func (w *walker) replaced(pattern, repl pv, regex bool) {
	if w.quiet > 0 || repl.Kind != value.Str && !partial(repl.Value) || repl.Text.Len() > value.MaxValue ||
		holdsTemplate(repl.Text.S) { // a template: read where written
		return
	}
	if pattern.Kind == value.Str && pattern.Text.Len() <= maxScalarText && lineStart.MatchString(pattern.Text.S) {
		for _, a := range inf.Patch(w.f, pattern.Text, repl.Text) {
			for i := range a.Accounts {
				a.Accounts[i].Flow = repl.flow
			}
			w.add(a)
		}
		return
	}
	var pt *value.Text
	if regex && (pattern.Kind == value.Str && pattern.Text.Len() > 0 || partial(pattern.Value)) {
		pt = &pattern.Text
	}
	w.editLines(repl.Text, repl.flow, pt)
}

// replaceOperator reads x -replace pattern, replacement.
func (w *walker) replaceOperator(n *Binary) {
	args := w.eval(n.Y)
	if args.Kind != value.List || len(args.Elems) != 2 {
		return
	}
	w.replaced(args.elem(0), args.elem(1), true)
}

// fileMethods are the static methods of [System.IO.File] that write their second argument to a
// file as text or lines.
var fileMethods = map[string]bool{"writealltext": true, "writealllines": true, "appendalltext": true, "appendalllines": true}

// replaceMethod reads x.Replace(pattern, replacement), and the lines [IO.File]::WriteAllText,
// WriteAllLines, AppendAllText and AppendAllLines write.
func (w *walker) replaceMethod(n *Invoke) {
	name, ok := n.Fn.Name.(*StringLit)
	if !ok || len(n.Args) < 2 {
		return
	}
	if t, ok := n.Fn.X.(*TypeLit); ok && n.Fn.Static {
		if fileMethods[strings.ToLower(name.Tok.Value)] && len(t.Name) <= maxScalarText &&
			strings.HasSuffix(strings.ToLower(t.Name), "io.file") {
			w.writtenLines(w.eval(n.Args[1]))
		}
		return
	}
	if n.Fn.Static || len(n.Args) != 2 || !strings.EqualFold(name.Tok.Value, "replace") {
		return
	}
	w.replaced(w.eval(n.Args[0]), w.eval(n.Args[1]), false) // literal: no reference to the match
}
