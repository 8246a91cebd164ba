package powershell

import (
	"slices"
	"sort"
	"strings"

	"github.com/privlint/privlint/analyzers/value"
)

// paramSpec is one parameter of a command privlint knows.
type paramSpec struct {
	name     string // lower case
	aliases  []string
	position int // -1: named only
	isSwitch bool
}

// cmdSpec lists a command's parameters, so that arguments bind as PowerShell binds them: by name,
// alias, unambiguous prefix, or position.
type cmdSpec []paramSpec

// commonParams are the parameters every advanced function and cmdlet has.
var commonParams = cmdSpec{
	{name: "verbose", aliases: []string{"vb"}, isSwitch: true, position: -1},
	{name: "debug", aliases: []string{"db"}, isSwitch: true, position: -1},
	{name: "whatif", aliases: []string{"wi"}, isSwitch: true, position: -1},
	{name: "confirm", aliases: []string{"cf"}, isSwitch: true, position: -1},
	{name: "erroraction", aliases: []string{"ea"}, position: -1},
	{name: "warningaction", aliases: []string{"wa"}, position: -1},
	{name: "informationaction", aliases: []string{"infa"}, position: -1},
	{name: "progressaction", aliases: []string{"proga"}, position: -1},
	{name: "errorvariable", aliases: []string{"ev"}, position: -1},
	{name: "warningvariable", aliases: []string{"wv"}, position: -1},
	{name: "informationvariable", aliases: []string{"iv"}, position: -1},
	{name: "outvariable", aliases: []string{"ov"}, position: -1},
	{name: "outbuffer", aliases: []string{"ob"}, position: -1},
	{name: "pipelinevariable", aliases: []string{"pv"}, position: -1},
}

// match finds the parameter name refers to: an exact name or alias, else the one parameter whose
// name or alias starts with it.
func (s cmdSpec) match(name string) (paramSpec, bool) {
	n := strings.ToLower(name)
	for _, list := range [2]cmdSpec{s, commonParams} {
		for _, p := range list {
			if p.name == n || slices.Contains(p.aliases, n) {
				return p, true
			}
		}
	}
	var found paramSpec
	count := 0
	for _, list := range [2]cmdSpec{s, commonParams} {
		for _, p := range list {
			if strings.HasPrefix(p.name, n) || slices.ContainsFunc(p.aliases, func(a string) bool { return strings.HasPrefix(a, n) }) {
				found = p
				count++
			}
		}
	}
	if count == 1 && n != "" {
		return found, true
	}
	return paramSpec{}, false
}

// Parameters of the commands that grant rights, from each module's documentation.
var (
	carbonSpec = cmdSpec{ // Carbon Grant-CPrivilege / Revoke-CPrivilege (1.x: Grant-Privilege)
		{name: "identity", position: 0},
		{name: "privilege", position: 1},
	}
	userRightsSpec = cmdSpec{ // UserRights module Grant-UserRight / Revoke-UserRight
		{name: "account", aliases: []string{"user", "username", "sid"}, position: 0},
		{name: "right", aliases: []string{"privilege"}, position: 1},
		{name: "computer", aliases: []string{"system", "computername", "host"}, position: -1},
	}
	windowsRightSpec = cmdSpec{ // PSPrivilege Add-WindowsRight / Remove-WindowsRight
		{name: "name", position: 0},
		{name: "account", position: 1},
		{name: "computername", position: 2},
	}
	clearWindowsRightSpec = cmdSpec{ // PSPrivilege Clear-WindowsRight: -Name or -Account
		{name: "name", position: 0},
		{name: "account", position: -1},
		{name: "computername", position: 1},
	}
	startProcessSpec = cmdSpec{
		{name: "filepath", aliases: []string{"pspath", "path"}, position: 0},
		{name: "argumentlist", aliases: []string{"args"}, position: 1},
		{name: "credential", position: -1},
		{name: "workingdirectory", position: -1},
		{name: "loaduserprofile", aliases: []string{"lup"}, isSwitch: true, position: -1},
		{name: "nonewwindow", aliases: []string{"nnw"}, isSwitch: true, position: -1},
		{name: "passthru", isSwitch: true, position: -1},
		{name: "redirectstandarderror", aliases: []string{"rse"}, position: -1},
		{name: "redirectstandardinput", aliases: []string{"rsi"}, position: -1},
		{name: "redirectstandardoutput", aliases: []string{"rso"}, position: -1},
		{name: "windowstyle", position: -1},
		{name: "wait", isSwitch: true, position: -1},
		{name: "usenewenvironment", isSwitch: true, position: -1},
		{name: "verb", position: -1},
	}
	invokeExpressionSpec = cmdSpec{{name: "command", position: 0}}
	// Invoke-Command and Start-Job run a script block with -ArgumentList; the other parameters
	// (-ComputerName, -Session, -Credential, ...) bind by name.
	invokeCommandSpec = cmdSpec{
		{name: "scriptblock", position: 0},
		{name: "argumentlist", aliases: []string{"args"}, position: -1},
		{name: "inputobject", position: -1},
		{name: "computername", aliases: []string{"cn"}, position: -1},
		{name: "filepath", position: -1},
		{name: "asjob", isSwitch: true, position: -1},
		{name: "hidecomputername", isSwitch: true, position: -1},
		{name: "noprofile", isSwitch: true, position: -1},
		{name: "enablenetworkaccess", isSwitch: true, position: -1},
		{name: "usessl", isSwitch: true, position: -1},
	}
	joinPathSpec = cmdSpec{
		{name: "path", aliases: []string{"pspath"}, position: 0},
		{name: "childpath", position: 1},
		{name: "additionalchildpath", position: 2},
		{name: "resolve", isSwitch: true, position: -1},
		{name: "credential", position: -1},
	}
	newObjectSpec = cmdSpec{
		{name: "typename", position: 0},
		{name: "argumentlist", aliases: []string{"args"}, position: 1},
		{name: "comobject", position: -1},
		{name: "property", position: -1},
		{name: "strict", isSwitch: true, position: -1},
	}
	invokeDscResourceSpec = cmdSpec{
		{name: "name", position: -1},
		{name: "modulename", position: -1},
		{name: "method", position: -1},
		{name: "property", position: -1},
	}
	forEachObjectSpec = cmdSpec{
		{name: "process", position: 0},
		{name: "begin", position: -1},
		{name: "end", position: -1},
		{name: "remainingscripts", position: -1},
		{name: "inputobject", position: -1},
		{name: "membername", position: -1},
		{name: "argumentlist", aliases: []string{"args"}, position: -1},
	}
)

// aliases maps the built-in aliases of the commands privlint reads to their names.
var aliases = map[string]string{
	"saps": "start-process", "start": "start-process",
	"iex": "invoke-expression",
	"%":   "foreach-object", "foreach": "foreach-object",
	"echo": "write-output", "write": "write-output",
	"icm": "invoke-command",
}

// quietCommands only print or compare their arguments: a string passed to them is never a
// security template.
var quietCommands = map[string]bool{
	"write-host": true, "write-output": true, "write-verbose": true, "write-warning": true,
	"write-debug": true, "write-information": true, "write-error": true, "write-progress": true,
	"select-string": true, "where-object": true, "?": true, "where": true, "out-host": true,
	"test-path": true,
}

// commandKey normalizes a command name for lookup: without quotes, path or module qualifier and
// .exe, in lower case, with aliases resolved.
func commandKey(name string) string {
	n := strings.ToLower(strings.Trim(strings.TrimSpace(name), `"'`))
	if i := strings.LastIndexAny(n, `\/`); i >= 0 {
		n = n[i+1:]
	}
	n = strings.TrimSuffix(n, ".exe")
	if a, ok := aliases[n]; ok {
		return a
	}
	return n
}

// boundArg is a value bound to a parameter.
type boundArg struct {
	v    pv
	node Node // the argument as written, when there is one
}

// binding is how a command's arguments bind to its parameters.
type binding struct {
	// named are the bound parameters in the order written, by spec name, else as written (lower
	// case).
	named value.Named[boundArg]
	pos   []boundArg // positional arguments no parameter took
}

func (b *binding) add(name string, a boundArg) { b.named.Set(name, a) }

func (b *binding) get(name string) (pv, bool) {
	a, ok := b.lookup(name)
	return a.v, ok
}

// bind binds a command's arguments to spec (nil for a command privlint does not know: every
// parameter then takes the argument after it unless another parameter follows). Splatted
// hashtables bind by key and splatted arrays by position.
func (w *walker) bind(spec cmdSpec, cmd *Command) *binding {
	b := &binding{}
	key := func(name string) (string, paramSpec, bool) {
		if p, ok := spec.match(name); ok {
			return p.name, p, true
		}
		return strings.ToLower(name), paramSpec{}, false
	}
	var pos []boundArg
	for i := 0; i < len(cmd.Elems); i++ {
		switch e := cmd.Elems[i].(type) {
		case *CmdParam:
			name, p, known := key(e.Name)
			var a boundArg
			_, nextIsParam := elemAt(cmd.Elems, i+1).(*CmdParam)
			switch {
			case e.Colon && e.Arg != nil:
				a = boundArg{w.eval(e.Arg), e.Arg}
			case e.Colon || known && p.isSwitch || i+1 >= len(cmd.Elems) || nextIsParam:
				a = boundArg{v: boolAt(true, e.start, e.end)}
			default:
				i++
				a = boundArg{w.eval(cmd.Elems[i]), cmd.Elems[i]}
			}
			b.add(name, a)
		case *VarRef:
			if !e.Splat {
				pos = append(pos, boundArg{w.eval(e), e})
				continue
			}
			v, _ := w.lookup(e.Name)
			switch v.Kind {
			case value.Table:
				// Binding every entry is charged when the table is large; past the budget nothing is.
				if cost := value.ItemCost * len(v.Entries); cost > smallValue && !w.chargeWork(e.start, cost) {
					continue
				}
				flow := w.flowOf(e.Name)
				for _, en := range v.Entries {
					name, _, _ := key(en.Key)
					ev := w.entry(en.Value)
					ev.flow = entryFlow(en.Value, flow)
					b.add(name, boundArg{v: ev.readAt(e.start, e.end), node: e})
				}
			case value.List:
				for _, it := range w.expand(pv{Value: v, flow: w.flowOf(e.Name)}.readAt(e.start, e.end)) {
					pos = append(pos, boundArg{v: it, node: e})
				}
			}
		default:
			pos = append(pos, boundArg{w.eval(e), e})
		}
	}
	b.place(spec, pos)
	return b
}

// place binds the positional arguments pos to the positional parameters of spec no name took, in
// order of position; the rest are b.pos.
func (b *binding) place(spec cmdSpec, pos []boundArg) {
	if len(pos) == 0 { // most commands name their arguments
		b.pos = pos
		return
	}
	byPos := spec // positional parameters are mostly declared in order of position
	if !positionsInOrder(spec) {
		byPos = slices.Clone(spec)
		sort.SliceStable(byPos, func(i, j int) bool { return byPos[i].position < byPos[j].position })
	}
	for _, p := range byPos {
		if _, ok := b.lookup(p.name); ok || len(pos) == 0 || p.position < 0 {
			continue
		}
		b.add(p.name, pos[0])
		pos = pos[1:]
	}
	b.pos = pos
}

// positionsInOrder reports whether the positional parameters of spec are listed in order of
// position.
func positionsInOrder(spec cmdSpec) bool {
	last := -1
	for _, p := range spec {
		if p.position >= 0 {
			if p.position < last {
				return false
			}
			last = p.position
		}
	}
	return true
}

func elemAt(elems []Node, i int) Node {
	if i < len(elems) {
		return elems[i]
	}
	return nil
}

// commandValue is the value of a command used as an expression: the principals New-Object builds,
// the path Join-Path builds and what Write-Output writes.
func (w *walker) commandValue(cmd *Command) pv {
	switch w.keys.commandKey(w.commandName(cmd).Text.S) {
	case "join-path":
		b := w.bind(joinPathSpec, cmd)
		parent, ok1 := b.get("path")
		child, ok2 := b.get("childpath")
		if !ok1 || !ok2 || parent.Kind == value.List || child.Kind == value.List {
			break
		}
		parts := []pv{parent, str(`\`), child}
		if more, ok := b.get("additionalchildpath"); ok && more.Kind != value.List {
			parts = append(parts, str(`\`), more)
		}
		return w.concatValues(cmd, parts)
	case "new-object":
		b := w.bind(newObjectSpec, cmd)
		t, _ := b.get("typename")
		if nt, ok := principalType(t.Text.S); ok && t.Kind == value.Str {
			args, _ := b.get("argumentlist")
			return w.principal(cmd, nt, w.expand(args))
		}
	case "write-output":
		if len(cmd.Elems) == 1 {
			return w.eval(cmd.Elems[0])
		}
	}
	return w.unknown(cmd)
}

// commandName is the value of a command's name: its text, or the variable or expression it is
// written as.
func (w *walker) commandName(cmd *Command) pv {
	if lit, ok := cmd.Name.(*StringLit); ok && lit.Tok.Parts == nil {
		return pv{Value: value.Value{Kind: value.Str, Text: value.Spread(lit.Tok.Value, lit.start, lit.end, false)}, lit: lit}
	}
	return w.use(w.eval(cmd.Name))
}
