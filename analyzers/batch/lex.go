package batch

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"
)

// mode says how cmd.exe reads the text.
type mode int

const (
	// fileMode reads a batch file: %% is a percent sign, %1 and %* are parameters.
	fileMode mode = iota
	// lineMode reads a command line (cmd /c): %% stays, an undefined %VAR% stays as written.
	lineMode
)

// env holds the variables a script set, by upper-case name. A name that is absent is known only at
// run time.
type env map[string]value.Text

// reader is cmd.exe's first two phases: it reads one physical line at a time, drops carriage
// returns and expands %VAR% and parameters with the variables of the moment.
type reader struct {
	src    value.Text
	pos    int
	mode   mode
	budget *value.Budget
}

// line returns the next physical line, expanded, ending in '\n' (the line break, or a '\n' added at
// the end of the text). ok is false at the end of the text.
func (r *reader) line(vars env) (value.Text, bool) {
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
	var b value.Builder
	expand(&b, r.src, start, end, vars, r.mode, r.budget.Left())
	if end < len(s) {
		b.Copy(r.src, end)
	} else {
		p := r.src.Offset(end)
		b.Byte('\n', p, p, false)
	}
	return b.Done(0), true
}

// expand appends src.S[start:end] to b with percent expansion. A variable that is not set, a
// parameter, a variable with a :~ or := modifier and a value that would make the line longer than
// limit are left as written and marked unresolved.
func expand(b *value.Builder, src value.Text, start, end int, vars env, m mode, limit int) {
	s := src.S
	raw := func(i, j int, unresolved bool) {
		for k := i; k < j; k++ {
			lo, hi := src.Span(k, k+1)
			b.Byte(s[k], lo, hi, unresolved || src.Unresolved(k, k+1))
		}
	}
	for i := start; i < end; {
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
				raw(i, i+2, true)
				i += 2
				continue
			case next == '~':
				j := i + 2
				for j < end && strings.IndexByte("fdpnxsatz", s[j]|0x20) >= 0 {
					j++
				}
				if j < end && isDigit(s[j]) {
					raw(i, j+1, true)
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
		if v, ok := vars[strings.ToUpper(name)]; ok && !strings.Contains(name, ":") && b.Len()+v.Len() <= limit {
			lo, _ := src.Span(i, i+1)
			_, hi := src.Span(j, j+1)
			b.Substitute(v, lo, hi, src.Unresolved(i, j+1))
		} else {
			raw(i, j+1, true)
		}
		i = j + 1
	}
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
