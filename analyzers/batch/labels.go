package batch

import (
	"bytes"
	"slices"
	"strings"
)

// labels are the labels a batch file's GOTO and CALL commands name. cmd.exe reads a batch file a
// line at a time as it runs it: after an EXIT or a GOTO, the text up to a label it jumps to is
// never read. Hybrid scripts keep JScript, VBScript, C# or PowerShell there.
type labels struct {
	// targets holds the labels a GOTO or CALL names, lower-cased: true for those the file defines.
	targets map[string]bool
	gotos   map[string]bool // the labels a GOTO names, lower-cased
	calls   map[string]bool // the labels a CALL names, lower-cased
	any     bool            // a GOTO or CALL names its label with a variable: any label may be reached
	// bodies holds, for each label a CALL names, the offsets where the lines after its label lines
	// start, in order: where a CALL of it starts reading.
	bodies map[string][]int
}

// scanLabels finds the targets of the GOTO and CALL commands of the batch text s, wherever they are
// written (a target named only in text that is never read still counts), and which of them s
// defines.
func scanLabels(s string) *labels {
	l := &labels{targets: map[string]bool{}, gotos: map[string]bool{}, calls: map[string]bool{}, bodies: map[string][]int{}}
	low := []byte(s) // lower-cased byte for byte: strings.ToLower changes the length of invalid UTF-8
	for i, c := range low {
		if 'A' <= c && c <= 'Z' {
			low[i] = c + 'a' - 'A'
		}
	}
	for _, jump := range []struct {
		verb  []byte
		colon bool // the label must be written with its colon: CALL without one runs a program
	}{{[]byte("goto"), false}, {[]byte("call"), true}} {
		for i := 0; ; {
			j := bytes.Index(low[i:], jump.verb)
			if j < 0 {
				break
			}
			i += j + len(jump.verb)
			if j := i - len(jump.verb) - 1; j >= 0 && !isDelim(s[j]) && strings.IndexByte("@&|(\r\n", s[j]) < 0 {
				continue // part of a longer word
			}
			k := skip(s, i, " \t,;=")
			if k < len(s) && s[k] == ':' {
				k++
			} else if jump.colon || k == i {
				continue // no label, or a longer word
			}
			switch name := labelName(s, k); {
			case strings.ContainsAny(name, "%!"):
				l.any = true
			case name != "":
				l.targets[strings.ToLower(name)] = false
				if jump.colon {
					l.calls[strings.ToLower(name)] = true
				} else {
					l.gotos[strings.ToLower(name)] = true
				}
			}
		}
	}
	for start := 0; start < len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if name, ok := labelAt(s[:end], start); ok {
			if _, named := l.targets[name]; named {
				l.targets[name] = true
				l.bodies[name] = append(l.bodies[name], min(end+1, len(s)))
			}
		}
		start = end + 1
	}
	return l
}

// labelAt reports whether the line of s starting at start is a label line, and its name.
func labelAt(s string, start int) (string, bool) {
	i := skip(s, start, " \t,;=")
	if i >= len(s) || s[i] != ':' {
		return "", false
	}
	name := labelName(s, i+1)
	return strings.ToLower(name), name != ""
}

// labelName returns the label name at s[i:]: up to a blank, a delimiter, a colon (so a :: comment
// has no name) or an operator.
func labelName(s string, i int) string {
	j := i
	for j < len(s) && !isDelim(s[j]) && strings.IndexByte(":+&|<>\r\n", s[j]) < 0 {
		j++
	}
	return s[i:j]
}

// resumes reports whether reading may start again at the label name after a jump: a GOTO names
// it, or any label may be reached. A label a CALL names is read through its calls (see
// machine.callLabel), each with its arguments, even when a GOTO names it too: that GOTO is most
// often the label's own loop over its arguments (see machine.loop), and reading the label after a
// jump would read it with the script's parameters, which its calls replace.
func (l *labels) resumes(name string) bool { return l.any || l.gotos[name] && !l.calls[name] }

// body returns where a CALL of the label name, made from the offset from, starts reading: after
// the first label line of that name at or after from, else after the first one in the file, as
// cmd.exe searches. ok is false when the file does not define the label.
func (l *labels) body(name string, from int) (int, bool) {
	at := l.bodies[name]
	if len(at) == 0 {
		return 0, false
	}
	i, _ := slices.BinarySearch(at, from)
	if i == len(at) {
		i = 0
	}
	return at[i], true
}

// defined reports whether the file defines the label name, which a GOTO or CALL names.
func (l *labels) defined(name string) bool { return l.targets[name] }
