package cmdline

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/source"
)

// cmd follows cmd.exe's /C and /K: the rest of the command line after the switch is a command line
// of its own. Switches start at the raw offset at of inv.Line.
func (r *runner) cmd(inv Invocation, at int) {
	if text, ok := cmdCommand(inv, at); ok {
		r.nest(source.LangBatch, text, true)
	}
}

// cmdCommand returns the command string of a cmd.exe command line whose switches start at offset at.
func cmdCommand(inv Invocation, at int) (value.Text, bool) {
	s := inv.Line.S
	strip := false // /S
	i := at
	for {
		i = skipBlanks(s, i)
		if i+1 >= len(s) || s[i] != '/' {
			return value.Text{}, false // no /C or /K: an interactive shell
		}
		switch s[i+1] | 0x20 {
		case 'c', 'k':
			i += 2
			// A vector whose last element follows /C: the element is the command.
			if inv.argv && len(inv.Args) > 0 {
				for k, a := range inv.Args {
					if a.RawEnd == i && k == len(inv.Args)-2 {
						return cmdQuotes(inv.Args[k+1].Value, strip), true
					}
				}
			}
			return cmdQuotes(inv.Line.Slice(i, len(s)), strip), true
		case 's':
			strip = true
		}
		i += 2
		for i < len(s) && !isBlank(s[i]) && s[i] != '/' {
			i++ // a switch value such as /T:0A or /V:ON
		}
	}
}

// cmdQuotes applies cmd.exe's rule for the quotes of a /C command (cmd /?): the quotes are kept
// when there is no /S, exactly two of them, no special character &<>()@^| between them, a blank
// between them and they enclose the name of a program; otherwise, when the command starts with a
// quote, that quote and the last quote of the command are removed.
func cmdQuotes(t value.Text, strip bool) value.Text {
	i := skipBlanks(t.S, 0)
	t = t.Slice(i, t.Len())
	if t.Len() == 0 || t.S[0] != '"' {
		return t
	}
	last := strings.LastIndexByte(t.S, '"')
	if !strip && strings.Count(t.S, `"`) == 2 && last > 0 {
		inner := t.S[1:last]
		if !strings.ContainsAny(inner, "&<>()@^|") && strings.ContainsAny(inner, " \t") && looksLikeProgram(inner) {
			return t
		}
	}
	if last == 0 {
		return t.Slice(1, t.Len())
	}
	var b value.Builder
	for k := 1; k < t.Len(); k++ {
		if k != last {
			b.Copy(t, k)
		}
	}
	return b.Done(t.Offset(t.Len()))
}

func looksLikeProgram(name string) bool {
	n := strings.ToLower(name)
	for _, ext := range []string{".exe", ".com", ".bat", ".cmd"} {
		if strings.HasSuffix(n, ext) {
			return true
		}
	}
	return false
}

// shellCommand returns the command string of sh -c STRING (also bash, dash, ...; combined options
// such as -ec or -lc count).
func shellCommand(args []Arg) (value.Text, bool) {
	for k := 0; k < len(args); k++ {
		v := args[k].Value.S
		switch {
		case v == "-o" || v == "+o":
			k++ // an option name follows
		case strings.HasPrefix(v, "--"):
		case len(v) > 1 && v[0] == '-' && strings.IndexByte(v, 'c') > 0:
			if k+1 < len(args) {
				return args[k+1].Value, true
			}
			return value.Text{}, false
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
		default:
			return value.Text{}, false // a script file
		}
	}
	return value.Text{}, false
}

// shellScript returns the index in args (an interpreter's arguments, after its name) of the script
// file a POSIX shell runs, or -1: the first argument that is not an option, unless -c comes first.
func shellScript(args []Arg) int {
	for k := 0; k < len(args); k++ {
		v := args[k].Value.S
		switch {
		case v == "-o" || v == "+o":
			k++
		case strings.HasPrefix(v, "--"):
		case len(v) > 1 && v[0] == '-' && strings.IndexByte(v, 'c') > 0:
			return -1
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
		default:
			return k
		}
	}
	return -1
}
