package cmdline

import (
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Stdin analyzes body, text fed to inv on standard input (a shell heredoc), when inv's program
// reads commands from it: ssh without a remote command and sh or bash without -c or a script read
// shell text, cmd without /C or /K reads command lines, and powershell -Command - (or -File -)
// reads PowerShell text; ssh with a remote command feeds it to that command, read the same way.
func Stdin(f *source.File, inv Invocation, body value.Text) []assign.Assignment {
	if len(inv.Args) == 0 || !ReadsStdin(ProgramName(inv.Args[0])) {
		return nil
	}
	name := ProgramName(inv.Args[0])
	switch name {
	case "wine", "wine64":
		return Stdin(f, inv.shift(1), body)
	case "ssh":
		k := sshCommand(inv.Args)
		if k >= len(inv.Args) {
			return Nest(f, source.LangShell, body, false)
		}
		// The remote command (powershell -Command -, bash -s) reads what is fed to ssh.
		return Stdin(f, FromLine(Join(inv.Args[k:])), body)
	}
	switch source.Interpreter(name) {
	case source.LangShell:
		if shellReadsStdin(inv.Args[1:]) {
			return Nest(f, source.LangShell, body, false)
		}
	case source.LangBatch:
		if _, ok := cmdCommand(inv, inv.Args[0].RawEnd); !ok {
			return Nest(f, source.LangBatch, body, true)
		}
	case source.LangPowerShell:
		args := inv.Args[1:]
		for k, a := range args {
			v := strings.ToLower(a.Value.S)
			if v == "-" || ((v == "-command" || v == "-c" || v == "-file" || v == "-f") && k+1 < len(args) && args[k+1].Value.S == "-") {
				return Nest(f, source.LangPowerShell, body, false)
			}
		}
	}
	return nil
}

// ReadsStdin reports whether Stdin does anything with a program of the name given (see
// ProgramName), so that a caller need not build the invocation of any other program. It lists the
// programs of Stdin's switch.
func ReadsStdin(name string) bool {
	switch name {
	case "wine", "wine64", "ssh":
		return true
	}
	return source.Interpreter(name) != source.LangNone
}

// shellReadsStdin reports whether sh (bash, ...) with these arguments reads its commands from
// standard input: no -c and no script file, or -s.
func shellReadsStdin(args []Arg) bool {
	for k, a := range args {
		v := a.Value.S
		switch {
		case v == "--":
			return k+1 == len(args)
		case strings.HasPrefix(v, "--"):
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
			if strings.Contains(v[1:], "c") {
				return false
			}
			if strings.Contains(v[1:], "s") {
				return true
			}
			if v[1:] == "o" {
				return shellReadsStdin(args[min(k+2, len(args)):])
			}
		default:
			return false // a script file
		}
	}
	return true
}
