package cmdline

import "github.com/privlint/privlint/analyzers/value"

// Arg is one argument of a command line, after the quoting rules of the program that reads it.
type Arg struct {
	Value value.Text
	// RawStart and RawEnd span the argument as written, quotes included, in the line it was split
	// from (for arguments made by FromArgs, in the line FromArgs made).
	RawStart, RawEnd int
}

// Start and End return the source span of the argument's value.
func (a Arg) Start() int { s, _ := a.Value.Span(0, a.Value.Len()); return s }

// End returns the source offset just after the argument's value.
func (a Arg) End() int { _, e := a.Value.Span(0, a.Value.Len()); return e }

// Unresolved reports whether any byte of the argument is known only at run time.
func (a Arg) Unresolved() bool { return a.Value.AnyUnresolved() }

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// Split splits a Windows command line the way CommandLineToArgvW and the Microsoft C runtime do:
//
//   - arguments are separated by spaces and tabs outside double quotes; leading blanks are skipped;
//   - the program name (the first argument) ends at the next blank, or when it starts with a quote,
//     at the next quote; backslashes in it are literal;
//   - in the other arguments, a quote toggles quoted mode and is dropped; 2n backslashes before a
//     quote give n backslashes and the quote toggles; 2n+1 backslashes before a quote give n
//     backslashes and a literal quote; backslashes not before a quote are literal;
//   - in quoted mode, two quotes in a row give one literal quote and end quoted mode.
//
// Single quotes, carets and percent signs are not special: cmd.exe handles those before a program
// sees its command line.
func Split(line value.Text) []Arg {
	s := line.S
	i := skipBlanks(s, 0)
	if i == len(s) {
		return nil
	}
	var args []Arg
	prog, i := splitProgram(line, i)
	args = append(args, prog)
	for {
		i = skipBlanks(s, i)
		if i == len(s) {
			return args
		}
		var a Arg
		a, i = splitArg(line, i)
		args = append(args, a)
	}
}

// SplitArgs splits a command line holding only arguments, without a program name.
func SplitArgs(line value.Text) []Arg {
	var args []Arg
	for i := skipBlanks(line.S, 0); i < len(line.S); i = skipBlanks(line.S, i) {
		var a Arg
		a, i = splitArg(line, i)
		args = append(args, a)
	}
	return args
}

func skipBlanks(s string, i int) int {
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	return i
}

// splitProgram reads the program name starting at i.
func splitProgram(line value.Text, i int) (Arg, int) {
	s, start := line.S, i
	if j := plain(s, i, false); j == len(s) || isBlank(s[j]) {
		return Arg{Value: line.Slice(i, j), RawStart: start, RawEnd: j}, j // as written, not copied
	}
	var b value.Builder
	if s[i] == '"' {
		j := i + 1
		for j < len(s) && s[j] != '"' {
			j++
		}
		b.CopyRange(line, i+1, j)
		i = min(j+1, len(s)) // after the closing quote
	}
	for i < len(s) && !isBlank(s[i]) {
		j := i
		for j < len(s) && !isBlank(s[j]) && s[j] != '"' {
			j++
		}
		b.CopyRange(line, i, j)
		i = max(j, i+1) // past a quote
	}
	return Arg{Value: b.Done(line.Offset(i)), RawStart: start, RawEnd: i}, i
}

// plain returns the end of the bytes of s from i on that an argument holds as they are: up to a
// backslash, a quote, or outside quotes a blank.
func plain(s string, i int, quoted bool) int {
	for i < len(s) && s[i] != '\\' && s[i] != '"' && (quoted || !isBlank(s[i])) {
		i++
	}
	return i
}

// splitArg reads one argument starting at i, which is not blank.
func splitArg(line value.Text, i int) (Arg, int) {
	s, start := line.S, i
	if j := plain(s, i, false); j == len(s) || isBlank(s[j]) {
		return Arg{Value: line.Slice(i, j), RawStart: start, RawEnd: j}, j // as written, not copied
	}
	var b value.Builder
	quoted := false
	for i < len(s) {
		c := s[i]
		switch {
		case isBlank(c) && !quoted:
			return Arg{Value: b.Done(line.Offset(i)), RawStart: start, RawEnd: i}, i
		case c == '\\':
			n := 0
			for i+n < len(s) && s[i+n] == '\\' {
				n++
			}
			if i+n < len(s) && s[i+n] == '"' {
				for k := 0; k < n/2; k++ {
					lo, _ := line.ByteSpan(i + 2*k)
					_, hi := line.ByteSpan(i + 2*k + 1)
					b.Byte('\\', lo, hi, line.UnresolvedAt(i+2*k))
				}
				if n%2 == 1 {
					b.Copy(line, i+n) // an escaped, literal quote
					i += n + 1
				} else {
					i += n // the quote is handled as a quote on the next turn
				}
				continue
			}
			b.CopyRange(line, i, i+n)
			i += n
		case c == '"':
			if quoted && i+1 < len(s) && s[i+1] == '"' {
				b.Copy(line, i+1)
				i += 2
				quoted = false
				continue
			}
			quoted = !quoted
			i++
		default:
			j := plain(s, i, quoted)
			b.CopyRange(line, i, j)
			i = j
		}
	}
	return Arg{Value: b.Done(line.Offset(i)), RawStart: start, RawEnd: i}, i
}

// Join returns the values of args separated by single spaces, the way powershell -Command and ssh
// make one command string of their remaining arguments. A separating space maps to the end of the
// argument before it, so that the end of a word found in the string maps to the end of its bytes.
func Join(args []Arg) value.Text {
	var b value.Builder
	end := 0
	for k, a := range args {
		if k > 0 {
			b.Byte(' ', end, end, false)
		}
		b.Append(a.Value)
		end = a.End()
	}
	return b.Done(end)
}
