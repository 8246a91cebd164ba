package batch

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/assign"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/cmdline"
	"github.com/privlint/privlint/analyzers/source"
)

// mode says how cmd.exe reads the text.
type mode int

const (
	// fileMode reads a batch file: %% is a percent sign, %1 and %* are parameters.
	fileMode mode = iota
	// lineMode reads a command line (cmd /c): %% stays, an undefined %VAR% stays as written.
	lineMode
)

// env holds the variables a script set, comparing names as cmd.exe does, case-insensitively: the
// script's scope, and one more for each SETLOCAL not yet ended. A name that is not known is known
// only at run time. A variable set past a limit (value.MaxValue, or what was left of the file's
// budget) is over: its references stay as written, unresolved, like those of an unknown variable,
// and a variable set from one of them is over too.
type env struct{ *vars }

// vars are the variables in their scopes (value.Scopes: closed scopes' memory is reused by the
// SETLOCAL of the next call of a label), by name lower-cased.
type vars struct {
	value.Scopes[binding]
	// costs remembers what substituting each variable's value costs (see cost), which takes a
	// pass over the value: a value referenced many times is counted once. It also remembers the
	// flow of a value set from a call's argument (%1 in a called label). Names are upper-cased.
	costs map[string]memo
	fold  []byte // a name being looked up, folded
}

// binding is the value of a variable in a scope, or that the variable is over, or unknown there
// (hidden).
type binding struct {
	t            value.Text
	over, hidden bool
}

// memo is the cost of the value s with its mapping of runs runs, and its flow.
type memo struct {
	s          string
	runs, cost int
	flow       []assign.Step
}

func newEnv() env { return env{&vars{Scopes: *value.NewScopes[binding](), costs: map[string]memo{}}} }

// ascii returns name lower-cased (upper-cased when upper is set) in e.fold, as strings.ToLower
// (ToUpper) would; false when name is not ASCII. Maps are indexed with it without a copy.
func (e env) ascii(name string, upper bool) ([]byte, bool) {
	e.fold = e.fold[:0]
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= utf8.RuneSelf:
			return nil, false
		case upper && 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case !upper && 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		e.fold = append(e.fold, c)
	}
	return e.fold, true
}

// get returns the binding of the variable name in the innermost scope that binds it, or nil.
func (e env) get(name string) *binding {
	if k, ok := e.ascii(name, false); ok {
		return e.Get(string(k))
	}
	return e.Get(strings.ToLower(name))
}

// memo returns what costs remembers of the variable name.
func (e env) memo(name string) (memo, bool) {
	if k, ok := e.ascii(name, true); ok {
		m, ok := e.costs[string(k)]
		return m, ok
	}
	m, ok := e.costs[strings.ToUpper(name)]
	return m, ok
}

// flow returns the flow of the value t of the variable name: the calls its value was passed
// through, when it was set from a call's argument.
func (e env) flow(name string, t value.Text) []assign.Step {
	if m, ok := e.memo(name); ok && m.runs == t.Runs() && m.s == t.S {
		return m.flow
	}
	return nil
}

// lookup returns the value of the variable name and what substituting it costs. ok is false for a
// variable privlint does not know, and over is set for one past a limit.
func (e env) lookup(name string) (t value.Text, n int, ok, over bool) {
	b := e.get(name)
	if b == nil || b.hidden {
		return value.Text{}, 0, false, false
	}
	if b.over {
		return value.Text{}, 0, false, true
	}
	m, ok := e.memo(name)
	if !ok || m.runs != b.t.Runs() || m.s != b.t.S { // the same string compares at once
		m = memo{s: b.t.S, runs: b.t.Runs(), cost: cost(b.t)}
		e.costs[strings.ToUpper(name)] = m
	}
	return b.t, m.cost, true, false
}

// set gives the variable name the value t, passed through the calls flow, in the innermost scope
// (SET inside SETLOCAL changes only what ENDLOCAL restores).
func (e env) set(name string, t value.Text, flow []assign.Step) {
	e.Define(strings.ToLower(name), binding{t: t})
	e.costs[strings.ToUpper(name)] = memo{s: t.S, runs: t.Runs(), cost: cost(t), flow: flow}
}

// cost is what text built costs against the budget: its bytes, its mapping, and the tokens it
// will be split into and analyzed as (cmdline.TextCost).
func cost(t value.Text) int { return cmdline.TextCost(t.S) + cmdline.RunCost*t.Runs() }

// forget makes the variable name known only at run time, until the innermost scope ends.
func (e env) forget(name string) {
	if e.Depth() == 1 {
		e.Forget(strings.ToLower(name))
		return
	}
	e.Define(strings.ToLower(name), binding{hidden: true})
}

// setOver marks the variable name as past a limit.
func (e env) setOver(name string) { e.Define(strings.ToLower(name), binding{over: true}) }

// reader is cmd.exe's first two phases: it reads one physical line at a time, drops carriage
// returns and expands %VAR% and parameters with the variables of the moment.
type reader struct {
	src  value.Text
	pos  int
	mode mode
	f    *source.File
	// refused holds the source offsets of the references left as written because of a limit in
	// the statement being run; a SET whose value holds one makes its variable over.
	refused map[int]bool
	// frame holds the arguments of the CALL of a label this reader reads the body of; nil for the
	// script's own flow, whose %1 is known only at run time.
	frame *frame
	// flows notes the references of the statement being run that hold a value passed by a call.
	flows *assign.Flows
	buf   *value.Builder // builds each line in the buffers of the one before, shared with the readers of calls
	// kept holds what the calls of labels read again (see reparse.go); nil: nothing is kept.
	kept *kept
}

// frame is one CALL of a label: its arguments, each with its flow (the calls it was passed
// through, this one last).
type frame struct {
	args  []value.Text
	flows [][]assign.Step
	all   value.Text // %*: the arguments as written, from the first one on
	flow  []assign.Step
	// n is how many arguments the call passed; loops holds, for each label a GOTO went back to,
	// how many were left then (see machine.loop).
	n     int
	loops map[string]int
}

// arg returns the value of the parameter %c (1-9, or * for all), with its flow.
func (fr *frame) arg(c byte) (value.Text, []assign.Step) {
	if c == '*' {
		return fr.all, fr.flow
	}
	if k := int(c - '1'); k < len(fr.args) {
		return fr.args[k], fr.flows[k]
	}
	return value.Text{}, nil // a parameter the call does not pass is empty
}

// shift runs SHIFT (/n: from the nth parameter on): %* is left as it was. It returns how many
// parameters it moved: SHIFT alone moves none (the frame's slices start one later), SHIFT /n
// moves those after the nth.
func (fr *frame) shift(n int) int {
	switch {
	case n >= len(fr.args):
		return 0
	case n == 0:
		fr.args, fr.flows = fr.args[1:], fr.flows[1:]
		return 0
	}
	fr.args = slices.Delete(fr.args, n, n+1) // the frame's own slices
	fr.flows = slices.Delete(fr.flows, n, n+1)
	return len(fr.args) - n
}

// line returns the next physical line, expanded, ending in '\n' (the line break, or a '\n' added at
// the end of the text). ok is false at the end of the text. A line that holds an expanded value is
// charged to the file's budget; a line that would be too long keeps its references as written.
// When the line is the same as like (value.Text.Same), like is returned rather than a copy.
func (r *reader) line(vars env, like value.Text) (value.Text, bool) {
	s := r.src.S
	if r.pos >= len(s) {
		return value.Text{}, false
	}
	start, end := r.pos, strings.IndexByte(s[r.pos:], '\n')
	if end < 0 {
		end = len(s)
		r.pos = len(s)
	} else {
		end += start
		r.pos = end + 1
	}
	if r.frame != nil { // a called label's lines are read once per call
		k := r.known(start, end)
		r.f.Charge(k.off, k.cost)
		if k.plain {
			return k.text, true
		}
	} else if end < len(s) && plainEnd(s, start, end) == end {
		return r.src.Slice(start, end+1), true // nothing to expand: the line as written
	}
	b := r.buf
	b.Grow(end - start + 1)
	if n := r.expand(b, start, end, vars, r.f.Budget().Left()); n > 0 && !r.f.Charge(r.src.Offset(start), n) {
		b.Truncate(0)
		r.expand(b, start, end, vars, -1)
	}
	if end < len(s) {
		b.Copy(r.src, end)
	} else {
		p := r.src.Offset(end)
		b.Byte('\n', p, p, false)
	}
	return b.DetachLike(like, 0), true
}

// skipTo moves past the lines cmd.exe never reads after a jump: up to the next label line whose
// name reachable accepts, or to the end of the text. They are neither expanded nor charged.
func (r *reader) skipTo(reachable func(name string) bool) {
	s := r.src.S
	if r.frame != nil { // in a called label, lines are skipped once per call
		from := r.pos
		defer func() { cmdline.Spend(r.f, r.src.Offset(from), (r.pos-from)/skipCost) }()
	}
	for r.pos < len(s) {
		if name, ok := labelAt(s, r.pos); ok && reachable(name) {
			return
		}
		end := strings.IndexByte(s[r.pos:], '\n')
		if end < 0 {
			r.pos = len(s)
			return
		}
		r.pos += end + 1
	}
}

// skipCost is how many bytes skipped cost one byte of the budget: a skip only looks for labels.
const skipCost = 4

// expand appends src.S[start:end] to b with percent expansion and returns the cost of the line
// built when it substituted a value, 0 otherwise. A variable that is not set, a parameter and a
// variable with a :~ or := modifier are left as written and marked unresolved; so are a variable
// that is over and a value that would make the line cost more than limit (-1: any value), which
// are recorded in r.refused.
func (r *reader) expand(b *value.Builder, start, end int, vars env, limit int) (built int) {
	src, m := r.src, r.mode
	s := src.S
	for i := start; i < end; {
		if k := plainEnd(s, i, end); k > i {
			b.CopyRange(src, i, k) // most of a line is copied as it is, a run at a time
			i = k
			continue
		}
		c := s[i]
		if c == '\r' {
			i++
			continue
		}
		if c != '%' || i+1 >= end {
			if c != '%' || m == lineMode {
				b.Copy(src, i)
			}
			i++
			continue
		}
		next := s[i+1]
		if m == fileMode {
			switch {
			case next == '%':
				lo, _ := src.Span(i, i+1)
				_, hi := src.Span(i+1, i+2)
				b.Byte('%', lo, hi, src.Unresolved(i, i+2))
				i += 2
				continue
			case next == '*' || isDigit(next):
				if r.frame == nil || next == '0' || !r.param(b, i, i+2, next, false, end-start, &built, limit) {
					b.AppendUnresolved(src, i, i+2)
				}
				i += 2
				continue
			case next == '~':
				j := i + 2
				for j < end && strings.IndexByte("fdpnxsatz", s[j]|0x20) >= 0 {
					j++
				}
				if j < end && isDigit(s[j]) {
					if r.frame == nil || s[j] == '0' || j > i+2 || !r.param(b, i, j+1, s[j], true, end-start, &built, limit) {
						b.AppendUnresolved(src, i, j+1)
					}
					i = j + 1
					continue
				}
			}
		}
		j := strings.IndexByte(s[i+1:end], '%')
		if j < 0 {
			if m == lineMode {
				b.Copy(src, i)
			}
			i++ // fileMode drops a lone percent sign
			continue
		}
		j += i + 1
		name := s[i+1 : j]
		if m == lineMode && (name == "" || strings.ContainsAny(name, " \t")) {
			b.Copy(src, i) // not a reference: cmd leaves it and reads on from the next percent sign
			i++
			continue
		}
		v, n, ok, over := vars.lookup(name)
		lo, _ := src.Span(i, i+1)
		switch {
		case strings.Contains(name, ":") || !ok && !over:
			b.AppendUnresolved(src, i, j+1)
		case over || (end-start)+built+n > limit:
			if limit >= 0 && !over {
				r.f.Charge(lo, (end-start)+built+n) // reports the limit reached, once
			}
			r.refused[lo] = true
			b.AppendUnresolved(src, i, j+1)
		default:
			_, hi := src.Span(j, j+1)
			b.Substitute(v, lo, hi, src.Unresolved(i, j+1))
			built += n
			r.flows.Note(lo, hi, vars.flow(name, v))
		}
		i = j + 1
	}
	if built > 0 {
		built += cmdline.TextCost(s[start:end]) // the line itself, analyzed with its values
	}
	return built
}

// plainEnd returns the end of the bytes of s[i:end] that expand copies as they are: up to a
// percent sign or a carriage return.
func plainEnd(s string, i, end int) int {
	for i < end && s[i] != '%' && s[i] != '\r' {
		i++
	}
	return i
}

// param appends the value of the parameter %c of the CALL being read, written at src.S[i:j]
// (%~c when unquote: its quotes removed), and notes its flow. It returns false, leaving the
// reference to be written as it is, when the value would make the line of n bytes, with what it
// built so far, cost more than limit; that is reported and recorded in r.refused as for a variable.
func (r *reader) param(b *value.Builder, i, j int, c byte, unquote bool, n int, built *int, limit int) bool {
	v, flow := r.frame.arg(c)
	if unquote {
		v = unquoted(v)
	}
	lo, _ := r.src.Span(i, i+1)
	_, hi := r.src.Span(j-1, j)
	k := cost(v)
	if n+*built+k > limit {
		if limit >= 0 {
			r.f.Charge(lo, n+*built+k) // reports the limit reached, once
		}
		r.refused[lo] = true
		return false
	}
	*built += k
	b.Substitute(v, lo, hi, r.src.Unresolved(i, j))
	r.flows.Note(lo, hi, flow)
	return true
}

// unquoted returns v without the quotes around it, as %~1 and %%~v read a value: a leading quote,
// and the closing one when there is one.
func unquoted(v value.Text) value.Text {
	s := v.S
	switch {
	case len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"':
		return v.Slice(1, v.Len()-1)
	case len(s) >= 1 && s[0] == '"':
		return v.Slice(1, v.Len())
	}
	return v
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isDelim reports whether c separates tokens for cmd.exe's own commands.
func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', ',', ';', '=', '\v', '\f':
		return true
	}
	return false
}
