package batch

import (
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
	for _, jump := range []struct {
		verb  string
		colon bool // the label must be written with its colon: CALL without one runs a program
	}{{"goto", false}, {"call", true}} {
		next := foldSearch(s, jump.verb)
		for i := 0; ; {
			j := next(i)
			if j < 0 {
				break
			}
			i = j + len(jump.verb)
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

// foldSearch returns a search for the lower-case ASCII word in s in any case: next(i) is the index
// of the first one at or after i, or -1; i must not decrease from one call to the next. It looks
// for the word's first letter in either case, remembering where each case is next, so the text is
// searched in one pass without a lower-cased copy.
func foldSearch(s, word string) (next func(i int) int) {
	lower, upper := word[0], word[0]-'a'+'A'
	at := [2]int{-1, -1} // where lower and upper are next found at or after the last i; len(s) for nowhere
	find := func(k, i int, c byte) {
		if at[k] < i {
			if j := strings.IndexByte(s[i:], c); j >= 0 {
				at[k] = i + j
			} else {
				at[k] = len(s)
			}
		}
	}
	return func(i int) int {
		for {
			find(0, i, lower)
			find(1, i, upper)
			j := min(at[0], at[1])
			if j+len(word) > len(s) {
				return -1
			}
			if foldedIs(s[j:j+len(word)], word) {
				return j
			}
			i = j + 1
		}
	}
}

// foldedIs reports whether s is the lower-case ASCII word in any case, byte for byte.
func foldedIs(s, word string) bool {
	for i := range len(word) {
		if s[i]|0x20 != word[i] {
			return false
		}
	}
	return true
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
