package batch

import (
	"iter"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// stepCost is what running a command costs on top of its length.
const stepCost = 32

// loopVar is a FOR variable bound to one element of its set, innermost first.
type loopVar struct {
	v    byte
	val  value.Text
	cost int // what substituting the value costs (see cost)
	next *loopVar
}

func bind(v byte, val value.Text, next *loopVar) *loopVar { return &loopVar{v, val, cost(val), next} }

func (l *loopVar) lookup(v byte) (*loopVar, bool) {
	for ; l != nil; l = l.next {
		if l.v == v {
			return l, true
		}
	}
	return nil, false
}

// machine runs parsed statements the way cmd.exe would, without running any program: it keeps
// the variables SET assigns, repeats FOR bodies over literal sets, and hands every other command to
// cmdline.Run.
//
// Every value it builds (an expanded line, FOR and delayed substitutions) and every command and
// loop iteration it runs is charged to the file's budget. A value past a limit is left as written
// and unresolved; once the budget is spent, a FOR runs its body once with its variable unresolved,
// and the rest of the file is still read with its literal text.
type machine struct {
	f       *source.File
	p       *parser
	vars    env
	delayed bool          // SETLOCAL EnableDelayedExpansion: !VAR! expands when a command runs
	saved   []bool        // the delayed expansion state at each open SETLOCAL, innermost last
	budget  *value.Budget // shared with the command strings nested in the file
	refused map[int]bool  // shared with the reader: see reader.refused
	out     []assign.Assignment
	labels  *labels          // a batch file's labels; nil for a command line
	trace   func(value.Text) // tests: sees every command handed to cmdline.Run
	// r is the reader of the flow being run: the script's own (p.r), or that of a called label.
	r *reader
	// calls is how many CALLs of labels are being followed, one inside the other; local is the
	// length of saved when the innermost one started (its SETLOCALs are its own, ended when it
	// returns); deep is set once the depth limit is reported.
	calls, local int
	deep         bool
}

func (m *machine) exec(n node, loop *loopVar) {
	switch n := n.(type) {
	case *command:
		m.command(n.text, loop)
	case *block:
		for _, c := range n.body {
			m.exec(c, loop)
		}
	case *ifNode:
		if n.then != nil {
			m.exec(n.then, loop)
		}
		if n.els != nil {
			m.exec(n.els, loop)
		}
	case *forNode:
		m.forLoop(n, loop)
	}
}

// spend charges running a command of text t to the file's budget; false once it is spent.
func (m *machine) spend(t value.Text) bool {
	return m.f.Charge(t.Offset(0), cmdline.Size(t)+stepCost)
}

// command runs one simple command. CALL runs the command after it, expanded once more; past the
// budget it is not expanded again.
func (m *machine) command(t value.Text, loop *loopVar) {
	t = m.substituteLoop(t, loop)
	if m.delayed && strings.IndexByte(t.S, '!') >= 0 {
		t = m.expandDelayed(t)
	}
	m.spend(t)
	i := skip(t.S, 0, " \t,;=@")
	name, rest := internal(t.S, i)
	for name == "call" {
		j := skip(t.S, rest, " \t,;=")
		if j >= t.Len() {
			return
		}
		if t.S[j] == ':' {
			m.callLabel(t, i, j)
			return
		}
		if m.delayed && strings.IndexByte(t.S[j:], '!') >= 0 && !m.budget.Spent() {
			t, j = m.expandDelayed(t.Slice(j, t.Len())), 0
			m.spend(t)
		}
		i = skip(t.S, j, " \t,;=@")
		name, rest = internal(t.S, i)
	}
	switch name {
	case "set":
		m.set(t, rest)
	case "setlocal":
		m.setlocal(t.S[rest:])
	case "endlocal":
		m.endlocal()
	case "shift":
		if fr := m.r.frame; fr != nil {
			n := 0
			if a := strings.TrimLeft(t.S[rest:], " \t"); len(a) >= 2 && a[0] == '/' && a[1] >= '0' && a[1] <= '8' {
				n = int(a[1] - '0')
			}
			m.f.Charge(t.Offset(0), cmdline.TokenCost*fr.shift(n)) // a SHIFT /n in a loop must not go quadratic unseen
		}
	case "start":
		m.run(t.Slice(startProgram(t.S, rest), t.Len()))
	case "":
		m.run(t.Slice(i, t.Len()))
	}
}

// maxSetlocal is how many SETLOCAL scopes cmd.exe keeps open in one batch file; past them it
// refuses another ("Maximum setlocal recursion level reached").
const maxSetlocal = 32

// setlocal runs SETLOCAL with its arguments args: the variables set from here to the matching
// ENDLOCAL are the scope's own, and the delayed expansion state it sets lasts as long.
func (m *machine) setlocal(args string) {
	if len(m.saved) < maxSetlocal {
		m.vars.Push()
		m.saved = append(m.saved, m.delayed)
	}
	switch args := strings.ToLower(args); {
	case strings.Contains(args, "enabledelayedexpansion"):
		m.delayed = true
	case strings.Contains(args, "disabledelayedexpansion"):
		m.delayed = false
	}
}

// endlocal runs ENDLOCAL: the variables and the delayed expansion state return to what they were
// at the matching SETLOCAL. Without one it does nothing.
func (m *machine) endlocal() {
	if n := len(m.saved); n > m.local {
		m.vars.Pop()
		m.delayed, m.saved = m.saved[n-1], m.saved[:n-1]
	}
}

// jump is what a command run in the script's own flow (see command.top) does to the reading of the
// lines after it.
type jump int

const (
	noJump jump = iota
	goTo        // GOTO a label of the file: the lines up to a label are not read
	leave       // EXIT (with or without /B) or GOTO :EOF: a CALL returns, the script ends
)

// jumps reports whether the command t makes cmd.exe leave the lines after it unread, and how; for
// a GOTO of a label, the label, lower-cased. A GOTO whose target is known only at run time, or
// names no label, does not jump.
func (m *machine) jumps(t value.Text) (jump, string) {
	if m.labels == nil {
		return noJump, ""
	}
	name, rest := internal(t.S, skip(t.S, 0, " \t,;=@"))
	switch name {
	case "exit":
		return leave, ""
	case "goto":
		i := skip(t.S, rest, " \t,;=")
		colon := i < t.Len() && t.S[i] == ':'
		if colon {
			i++
		}
		target := labelName(t.S, i)
		if target == "" || t.Unresolved(i, i+len(target)) {
			return noJump, ""
		}
		switch target = strings.ToLower(target); {
		case colon && target == "eof":
			return leave, ""
		case m.labels.defined(target):
			return goTo, target
		}
	}
	return noJump, ""
}

// loop reports whether the GOTO of the label target, run by the called label being read with r,
// goes back to read the label again with the parameters SHIFT moved, and moves r there: the label
// is at or before the GOTO, and the parameters are fewer than when this GOTO (or the call) last
// started it, and not none. A loop over a call's arguments (:next / ... %1 / shift / goto next)
// thus runs once per argument; any other GOTO reads on as after a jump at the top level.
func (m *machine) loop(r *reader, target string) bool {
	fr := r.frame
	at, ok := m.labels.body(target, r.pos)
	if !ok || at > r.pos || len(fr.args) == 0 {
		return false
	}
	last, seen := fr.loops[target]
	if !seen {
		last = fr.n
	}
	if len(fr.args) >= last {
		return false
	}
	if fr.loops == nil {
		fr.loops = map[string]int{}
	}
	fr.loops[target] = len(fr.args)
	r.pos = at
	return true
}

// maxCalls bounds the CALLs of labels followed one inside the other, recursion included.
const maxCalls = 8

// callLabel runs CALL :label args, written in t from the offset at, its colon at t.S[colon]: the
// label's lines are read from the label on, up to EXIT, GOTO :EOF or the end of the file, with
// %1-%9, %~1 and %* bound to the arguments, each carrying the call in its flow. Variables are the
// script's (a SETLOCAL in the body ends when the call returns). Each line read is charged to the
// file's budget; a call deeper than maxCalls, or past the budget, is not followed, and the depth
// limit is reported once. A label known only at run time, or that the file does not define, is
// not followed.
func (m *machine) callLabel(t value.Text, at, colon int) {
	name := labelName(t.S, colon+1)
	if m.labels == nil || name == "" || t.Unresolved(colon, colon+1+len(name)) {
		return
	}
	body, ok := m.labels.body(strings.ToLower(name), m.r.pos)
	if !ok {
		return
	}
	lo, hi := t.Span(at, t.Len())
	if m.calls >= maxCalls {
		if !m.deep {
			m.deep = true
			m.f.Problemf(lo, "calls of labels nested more than %d deep are not followed: the accounts passed on from here are not analyzed", maxCalls)
		}
		return
	}
	args := t.Slice(colon+1+len(name), t.Len())
	if !m.f.Charge(lo, cmdline.Size(args)+stepCost) {
		return
	}
	fr := m.bind(args, assign.Step{Pos: m.f.Pos(lo), End: m.f.Pos(hi), What: "call of :" + name})
	caller, local := m.r, m.local
	m.r = &reader{src: caller.src, pos: body, mode: caller.mode, f: m.f, refused: map[int]bool{}, frame: fr, flows: &assign.Flows{}, kept: caller.kept, buf: caller.buf}
	m.refused, m.local = m.r.refused, len(m.saved)
	m.calls++
	m.read(&parser{r: m.r, vars: m.vars, f: m.f, buf: m.p.buf})
	m.calls--
	for len(m.saved) > m.local {
		m.endlocal() // the call's SETLOCALs end with it
	}
	m.r, m.local = caller, local
	m.refused = caller.refused
}

// bind returns the frame of a call whose arguments are written in args, as cmd.exe splits them
// (delimiters outside quotes end one; quotes are kept), each with the flow it has where the call
// writes it, then this call.
func (m *machine) bind(args value.Text, st assign.Step) *frame {
	flow := func(t value.Text) []assign.Step {
		return assign.Through(m.r.flows.Of(t.Span(0, t.Len())), st)
	}
	s := args.S
	delims := func(i int) int { // cmd.exe's delimiters, \v and \f included
		for i < len(s) && isDelim(s[i]) {
			i++
		}
		return i
	}
	first := delims(0)
	last := len(s)
	for last > first && (s[last-1] == ' ' || s[last-1] == '\t') {
		last--
	}
	fr := &frame{all: args.Slice(first, last)}
	defer func() { fr.n = len(fr.args) }()
	fr.flow = flow(fr.all)
	for i := first; i < last; {
		j, quoted := i, false
		for j < last && (quoted || !isDelim(s[j])) {
			if s[j] == '"' {
				quoted = !quoted
			}
			j++
		}
		a := args.Slice(i, j)
		fr.args = append(fr.args, a)
		fr.flows = append(fr.flows, flow(a))
		i = delims(j)
	}
	return fr
}

// run hands a program's command line to cmdline.Run. The accounts written over a value a call
// passed carry the call in their flow.
func (m *machine) run(t value.Text) {
	if m.trace != nil {
		m.trace(t)
	}
	as := cmdline.RunLine(m.f, t)
	m.r.flows.Apply(m.f, as)
	m.out = append(m.out, as...)
}

// internals are cmd.exe's built-in commands: they run no program, and ECHO's arguments are only
// printed. SET, SETLOCAL, ENDLOCAL, CALL and START are interpreted.
var internals = map[string]bool{
	"set": true, "setlocal": true, "call": true, "start": true,
	"echo": true, "rem": true, "title": true, "goto": true, "exit": true, "pause": true, "shift": true,
	"endlocal": true, "cd": true, "chdir": true, "pushd": true, "popd": true, "cls": true, "ver": true,
	"vol": true, "prompt": true, "path": true, "color": true, "break": true, "type": true, "dir": true,
	"del": true, "erase": true, "copy": true, "move": true, "md": true, "mkdir": true, "rd": true,
	"rmdir": true, "ren": true, "rename": true, "mklink": true, "assoc": true, "ftype": true,
	"verify": true, "date": true, "time": true,
}

// internal returns the built-in command named at s[i:] (lower-cased) and the offset after its
// name, or "" when the command runs a program. cmd.exe ends a built-in's name at a delimiter and at
// characters such as . / ( : + [ ] \ (echo. and set/a).
func internal(s string, i int) (string, int) {
	j := i
	for j < len(s) && s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' {
		j++
	}
	name := strings.ToLower(s[i:j])
	if !internals[name] || (j < len(s) && !isDelim(s[j]) && strings.IndexByte("./(:+[]\\\"\n", s[j]) < 0) {
		return "", i
	}
	return name, j
}

// skip returns the offset of the first byte of s from i on that is not one of chars.
func skip(s string, i int, chars string) int {
	for i < len(s) && isOneOf(s[i], chars) {
		i++
	}
	return i
}

// isOneOf reports whether c is one of the few bytes chars: a loop over them costs less than the
// call of strings.IndexByte, which skip makes for every blank that indents a line.
func isOneOf(c byte, chars string) bool {
	for k := 0; k < len(chars); k++ {
		if chars[k] == c {
			return true
		}
	}
	return false
}

// set runs SET: SET NAME=value (the value runs to the end of the command, trailing blanks
// included), SET "NAME=value" (up to the last quote), SET /A (arithmetic) and SET /P (user input).
// A variable set to something privlint cannot know is forgotten, so its references stay unresolved.
// The arguments are t.S[from:]; only the value is copied.
func (m *machine) set(t value.Text, from int) {
	s := t.S
	i := skip(s, from, " \t")
	if len(s) >= i+2 && s[i] == '/' && (s[i+1]|0x20 == 'a' || s[i+1]|0x20 == 'p') {
		rest := s[i+2:]
		if k := strings.IndexByte(rest, '='); k >= 0 {
			name := strings.Trim(rest[:k], " \t\"+-*/%&|^<>")
			m.vars.forget(name)
		}
		return
	}
	start, end := i, len(s) // the body: NAME=value
	if i < len(s) && s[i] == '"' {
		start = i + 1
		if last := strings.LastIndexByte(s, '"'); last > i {
			end = last
		}
	}
	eq := strings.IndexByte(s[start:end], '=')
	if eq <= 0 {
		return // SET alone or SET prefix lists variables
	}
	name := s[start : start+eq]
	switch value := t.Slice(start+eq+1, end); {
	case m.holdsRefused(value):
		m.vars.setOver(name)
	case value.Len() > 0:
		m.vars.set(name, value, m.r.flows.Of(value.Span(0, value.Len())))
	default:
		m.vars.forget(name)
	}
}

// holdsRefused reports whether t holds a reference left as written because of a limit (see
// reader.refused): a value built from a value past a limit.
func (m *machine) holdsRefused(t value.Text) bool {
	if len(m.refused) == 0 {
		return false
	}
	for i := 0; i < t.Len(); i++ {
		if c := t.S[i]; (c == '%' || c == '!') && t.UnresolvedAt(i) {
			if lo, _ := t.ByteSpan(i); m.refused[lo] {
				return true
			}
		}
	}
	return false
}

// startProgram returns the offset of the program START runs: after an optional "title" and the
// /options, of which /D, /NODE and /AFFINITY take a value.
func startProgram(s string, i int) int {
	i = skip(s, i, " \t")
	if i < len(s) && s[i] == '"' {
		if j := strings.IndexByte(s[i+1:], '"'); j >= 0 {
			i += j + 2
		}
	}
	for {
		i = skip(s, i, " \t")
		if i >= len(s) || s[i] != '/' {
			return i
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		switch strings.ToLower(s[i:j]) {
		case "/d", "/node", "/affinity":
			j = skip(s, j, " \t")
			for j < len(s) && s[j] != ' ' && s[j] != '\t' {
				j++
			}
		}
		i = j
	}
}

// forLoop runs a FOR body once per element of a literal set. Elements of a plain FOR are
// separated by blanks, commas, semicolons and equal signs; an element with * or ? names files, and
// the sets of FOR /F, /L, /D and /R are known only at run time: the body then runs once with the
// variable unresolved. The set is charged with its elements, each iteration with what running the
// body again costs; once the budget is spent the body runs once more with the variable
// unresolved, and the loop stops. A set of more than assign.MaxAccounts elements runs the body for
// the first MaxAccounts; the rest are reported, once for the loop, and not split.
func (m *machine) forLoop(n *forNode, loop *loopVar) {
	if n.body == nil {
		return
	}
	list := m.substituteLoop(n.list, loop)
	if !cmdline.Spend(m.f, list.Offset(0), cost(list)+stepCost) || n.opt != "" {
		m.exec(n.body, bind(n.v, unresolvedRef(n.v, list), loop))
		return
	}
	again := weight(n.body)
	runs := 0
	for e := range setElements(list) {
		if runs == assign.MaxAccounts {
			if !n.truncated {
				n.truncated = true
				assign.TooMany(m.f, e.Offset(0))
			}
			return
		}
		runs++
		if !cmdline.Spend(m.f, e.Offset(0), e.Len()+again) {
			m.exec(n.body, bind(n.v, unresolvedRef(n.v, list), loop))
			return
		}
		if strings.ContainsAny(e.S, "*?") {
			e = value.Spread(e.S, e.Offset(0), e.Offset(e.Len()), true)
		}
		m.exec(n.body, bind(n.v, e, loop))
	}
}

// weight is what running a parsed command again costs beyond the values it substitutes: a token
// for each node, and the text of its commands with their tokens (cmdline.TextCost).
func weight(n node) int {
	w := cmdline.TokenCost
	switch n := n.(type) {
	case *command:
		w += cmdline.TextCost(n.text.S)
	case *block:
		for _, c := range n.body {
			w += weight(c)
		}
	case *ifNode:
		w += weight(n.then) + weight(n.els)
	case *forNode:
		w += cmdline.TextCost(n.list.S) + weight(n.body)
	}
	return w
}

// unresolvedRef is the value of a loop variable known only at run time: its reference as written,
// placed at the set.
func unresolvedRef(v byte, list value.Text) value.Text {
	start, end := list.Span(0, list.Len())
	return value.Spread("%"+string(v), start, end, true)
}

// setElements yields the elements of the set of a plain FOR, one at a time: a loop that stops
// early never splits the rest.
func setElements(t value.Text) iter.Seq[value.Text] {
	return func(yield func(value.Text) bool) {
		s := t.S
		for i := 0; i < len(s); {
			if isDelim(s[i]) {
				i++
				continue
			}
			j := i
			quoted := false
			for j < len(s) && (quoted || !isDelim(s[j])) {
				if s[j] == '"' {
					quoted = !quoted
				}
				j++
			}
			if !yield(t.Slice(i, j)) {
				return
			}
			i = j
		}
	}
}

// substituteLoop replaces FOR variable references (%v, %~v) with their values. A reference with
// other modifiers (%~nv, %~dpv) is left as written and unresolved, as is one whose value would make
// the text too long (see expandWithin).
func (m *machine) substituteLoop(t value.Text, loop *loopVar) value.Text {
	if loop == nil || strings.IndexByte(t.S, '%') < 0 {
		return t
	}
	return m.expandWithin(t, func(limit int) (value.Text, bool) { return m.loopValues(t, loop, limit) })
}

// expandWithin runs expand, which builds t with its references expanded, within the limits: expand
// leaves a value that would make the text cost more than limit as written (reporting it and
// recording it in m.refused), and a text that holds an expanded value is charged to the file's
// budget (see cost); when the charge fails, every reference of t is left as written.
func (m *machine) expandWithin(t value.Text, expand func(limit int) (value.Text, bool)) value.Text {
	out, substituted := expand(m.budget.Left())
	if substituted && !m.f.Charge(t.Offset(0), cost(out)) {
		out, _ = expand(-1)
	}
	return out
}

// refuse records a reference at source offset lo left as written because its value, which would
// make a text of n bytes, is past a limit; limit < 0 means the limit was already reported.
func (m *machine) refuse(lo, n, limit int) {
	if limit >= 0 {
		m.f.Charge(lo, n) // reports the limit reached, once
	}
	m.refused[lo] = true
}

// loopValues substitutes the FOR variables of t, keeping a value that would make the text cost
// more than limit (-1: any value) as written.
func (m *machine) loopValues(t value.Text, loop *loopVar, limit int) (value.Text, bool) {
	built := 0
	s := t.S
	var b value.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if j := strings.IndexByte(s[i:], '%'); j != 0 {
			if j < 0 {
				j = len(s) - i
			}
			b.CopyRange(t, i, i+j) // up to the next reference, a run at a time
			i += j
			continue
		}
		if i+1 >= len(s) {
			b.Copy(t, i)
			i++
			continue
		}
		j, mods := i+1, ""
		if s[j] == '~' && j+1 >= len(s) {
			b.Copy(t, i)
			i++
			continue
		}
		if s[j] == '~' {
			r := j + 1
			for r < len(s) && strings.IndexByte("fdpnxsatz", s[r]) >= 0 {
				r++
			}
			k := min(r, len(s)-1)
			for k > j+1 {
				if _, ok := loop.lookup(s[k]); ok {
					break
				}
				k--
			}
			mods, j = s[j+1:k], k
			if mods == "" {
				mods = "~"
			}
		}
		lv, ok := loop.lookup(s[j])
		if !ok {
			b.Copy(t, i)
			i++
			continue
		}
		val := lv.val
		lo, _ := t.Span(i, i+1)
		if mods == "" || mods == "~" {
			if n := len(s) + built + lv.cost; n > limit {
				m.refuse(lo, n, limit)
				mods = "too long"
			}
		}
		switch mods {
		case "":
			b.Append(val)
			built += lv.cost
		case "~":
			b.Append(unquoted(val))
			built += lv.cost
		default:
			_, hi := t.Span(j, j+1)
			b.Substitute(value.Spread(s[i:j+1], lo, hi, true), lo, hi, true)
		}
		i = j + 1
	}
	return b.Done(t.Offset(t.Len())), built > 0
}

// expandDelayed expands !VAR! references (delayed expansion). A caret escapes the next byte. A
// variable that is over, and a value that would make the text too long (see expandWithin), are left
// as written and unresolved.
func (m *machine) expandDelayed(t value.Text) value.Text {
	return m.expandWithin(t, func(limit int) (value.Text, bool) { return m.delayedValues(t, limit) })
}

func (m *machine) delayedValues(t value.Text, limit int) (value.Text, bool) {
	built := 0
	s := t.S
	var b value.Builder
	for i := 0; i < len(s); {
		switch s[i] {
		case '^':
			if i+1 < len(s) {
				b.Copy(t, i+1)
			}
			i += 2
			continue
		case '!':
			j := strings.IndexByte(s[i+1:], '!')
			if j < 0 {
				i++ // a lone ! is removed
				continue
			}
			j += i + 1
			lo, _ := t.Span(i, i+1)
			_, hi := t.Span(j, j+1)
			var (
				v        value.Text
				n        int
				ok, over bool
			)
			if j > i+1 {
				v, n, ok, over = m.vars.lookup(s[i+1 : j])
			}
			switch {
			case over:
				m.refused[lo] = true
			case ok && len(s)+built+n > limit:
				m.refuse(lo, len(s)+built+n, limit)
				ok = false
			}
			if ok {
				b.Substitute(v, lo, hi, t.Unresolved(i, j+1))
				built += n
				m.r.flows.Note(lo, hi, m.vars.flow(s[i+1:j], v))
			} else {
				for k := i; k <= j; k++ {
					lo, hi := t.Span(k, k+1)
					b.Byte(s[k], lo, hi, true)
				}
			}
			i = j + 1
			continue
		}
		b.Copy(t, i)
		i++
	}
	return b.Done(t.Offset(t.Len())), built > 0
}
