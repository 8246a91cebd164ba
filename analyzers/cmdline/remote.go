package cmdline

import (
	"strings"

	"github.com/privlint/privlint/analyzers/source"
)

// sshCommand returns the index of the first argument of the remote command of an ssh invocation,
// or len(args) when there is none. ssh joins the remote command's arguments with spaces and hands
// them to the remote user's shell.
func sshCommand(args []Arg) int {
	const withValue = "BbcDEeFIiJLlmOopQRSWw"
	for k := 1; k < len(args); k++ {
		v := args[k].Value.S
		if v == "--" {
			return k + 2 // the host, then the command
		}
		if len(v) > 1 && v[0] == '-' {
			for j := 1; j < len(v); j++ {
				if strings.IndexByte(withValue, v[j]) >= 0 {
					if j == len(v)-1 {
						k++ // the value is the next argument
					}
					break
				}
			}
			continue
		}
		return k + 1 // args[k] is the host
	}
	return len(args)
}

// winrs follows winrs.exe: -switch[:value] options, then a command line that the remote host runs
// with cmd.exe.
func (r *runner) winrs(inv Invocation) {
	for k := 1; k < len(inv.Args); k++ {
		v := inv.Args[k].Value.S
		if len(v) > 1 && (v[0] == '-' || v[0] == '/') {
			continue
		}
		r.nest(source.LangBatch, inv.tail(k), true)
		return
	}
}

// winrmVerbs are the operations of Windows' own winrm.cmd, which configures WinRM and runs no
// command string.
var winrmVerbs = map[string]bool{
	"g": true, "get": true, "s": true, "set": true, "c": true, "create": true, "d": true, "delete": true,
	"e": true, "enum": true, "enumerate": true, "invoke": true, "i": true, "id": true, "identify": true,
	"quickconfig": true, "qc": true, "configsddl": true, "helpmsg": true, "help": true,
}

// winrm follows the WinRM command-line clients that take options and then the command to run on
// the remote host with cmd.exe as their last argument (winrm -hostname h -username u "command").
// Windows' own winrm.cmd verbs run nothing.
func (r *runner) winrm(args []Arg) {
	if len(args) < 2 {
		return
	}
	for _, a := range args {
		v := strings.ToLower(a.Value.S)
		if !strings.HasPrefix(v, "-") {
			if winrmVerbs[v] {
				return
			}
			break
		}
	}
	last := args[len(args)-1]
	if v := last.Value.S; v == "" || v[0] == '-' {
		return
	}
	r.nest(source.LangBatch, last.Value, true)
}

// psexecProgram returns the index of the program a PsExec (or PAExec) invocation starts: after the
// \\computer list, @file, and the options, some of which take a value.
func psexecProgram(args []Arg) int {
	for k := 1; k < len(args); k++ {
		v := args[k].Value.S
		switch {
		case strings.HasPrefix(v, `\\`), strings.HasPrefix(v, "@"):
		case len(v) > 1 && (v[0] == '-' || v[0] == '/'):
			switch strings.ToLower(v[1:]) {
			case "u", "p", "w", "a", "n", "r", "cpu":
				k++
			case "i":
				if k+1 < len(args) && isNumber(args[k+1].Value.S) {
					k++
				}
			}
		default:
			return k
		}
	}
	return len(args)
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// runas follows runas.exe: /options, then one argument holding the command line to run.
func (r *runner) runas(args []Arg) {
	for _, a := range args {
		if v := a.Value.S; len(v) > 1 && v[0] == '/' {
			continue
		}
		if r.hops < MaxDepth {
			r.hops++
			r.run(FromLine(a.Value))
		}
		return
	}
}
