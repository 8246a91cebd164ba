package cmdline

import (
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Invocation is one program call: its arguments and the command line they came from.
type Invocation struct {
	Args []Arg      // Args[0] is the program
	Line value.Text // the command line; the arguments' RawStart and RawEnd index it
	argv bool       // the arguments came as a vector (a POSIX shell, a JSON array), not as a command line
}

// FromLine returns the invocation a Windows command line makes (see Split).
func FromLine(line value.Text) Invocation { return Invocation{Args: Split(line), Line: line} }

// FromArgs returns the invocation an argument vector makes, as a POSIX shell or a JSON exec form
// passes it. Programs that read their command line raw (cmd /c) see the values joined by spaces,
// a value holding blanks wrapped in quotes.
func FromArgs(args []Arg) Invocation {
	var b value.Builder
	out := make([]Arg, len(args))
	end := 0
	for k, a := range args {
		if k > 0 {
			b.Byte(' ', end, end, false) // at the end of the argument before, like Join
		}
		start := a.Start()
		end = a.End()
		rs := b.Len()
		quote := a.Value.Len() == 0 || strings.ContainsAny(a.Value.S, " \t")
		if quote {
			b.Byte('"', start, start, false)
		}
		b.Append(a.Value)
		if quote {
			b.Byte('"', end, end, false)
		}
		out[k] = Arg{Value: a.Value, RawStart: rs, RawEnd: b.Len()}
	}
	return Invocation{Args: out, Line: b.Done(end), argv: true}
}

// tail returns the command line from argument k on, as a program that reads its command line raw
// sees it. A single last argument of a vector is taken as it is.
func (inv Invocation) tail(k int) value.Text {
	if k >= len(inv.Args) {
		return value.Empty(inv.Line.Offset(inv.Line.Len()))
	}
	if inv.argv && k == len(inv.Args)-1 {
		return inv.Args[k].Value
	}
	return inv.Line.Slice(inv.Args[k].RawStart, inv.Line.Len())
}

// shift returns the invocation of the program named by argument k: the command a runner such as
// psexec or wine starts.
func (inv Invocation) shift(k int) Invocation {
	if k >= len(inv.Args) {
		return Invocation{Line: inv.Line, argv: inv.argv}
	}
	return Invocation{Args: inv.Args[k:], Line: inv.Line, argv: inv.argv}
}

// ProgramName returns the program an argument names, lower-cased, without its directory and
// without an .exe or .com extension. A directory known only at run time does not matter
// (%~dp0ntrights.exe, $TOOLS/ntrights); a name known only at run time gives "".
func ProgramName(a Arg) string {
	v := a.Value
	i := v.Len()
	for i > 0 && !v.Unresolved(i-1, i) {
		i--
	}
	tail := v.S[i:]
	if i > 0 && !strings.HasPrefix(tail, `\`) && !strings.HasPrefix(tail, "/") && !pathParam.MatchString(v.S[:i]) {
		return "" // what is unknown is not only the directory: %PROG%.exe
	}
	n := strings.ToLower(strings.Trim(tail, `"'`))
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	for _, ext := range []string{".exe", ".com"} {
		n = strings.TrimSuffix(n, ext)
	}
	return n
}

// pathParam matches a batch parameter expanded to a directory with a trailing backslash: %~dp0.
var pathParam = regexp.MustCompile(`%~[fdnxsatz]*p[fdnxsatz]*[0-9]$`)

// Run analyzes one program invocation found in f. A grant tool (ntrights, editrights) yields its
// assignments; an interpreter or a remote runner handed a command string has the string analyzed
// in its language; a runner of another program (psexec, wine, runas) has that program analyzed.
// Other programs yield nothing.
func Run(f *source.File, inv Invocation) []assign.Assignment {
	r := runner{f: f}
	r.run(inv)
	return r.out
}

// runner collects the assignments of one invocation and the programs it starts.
type runner struct {
	f    *source.File
	out  []assign.Assignment
	hops int // command lines re-split from an argument (runas), bounded by MaxDepth
}

func (r *runner) nest(lang source.Lang, text value.Text, commandLine bool) {
	r.out = append(r.out, Nest(r.f, lang, text, commandLine)...)
}

// Follows reports whether Run does anything with an argument vector (FromArgs) whose program has
// the name given (see ProgramName), so that a caller need not build the invocation of any other
// program. It lists the programs of run's switch.
func Follows(name string) bool {
	switch name {
	case "ntrights", "editrights", "ssh", "winrs", "winrm", "psexec", "psexec64", "paexec", "wine", "wine64", "runas", "schtasks":
		return true
	}
	return source.Interpreter(name) != source.LangNone
}

func (r *runner) run(inv Invocation) {
	if len(inv.Args) == 0 {
		return
	}
	name := ProgramName(inv.Args[0])
	switch name {
	case "ntrights":
		r.ntrights(inv.Args[1:])
	case "editrights":
		r.editrights(inv.Args[1:])
	case "ssh":
		if k := sshCommand(inv.Args); k < len(inv.Args) {
			r.nest(source.LangShell, Join(inv.Args[k:]), false)
		}
	case "winrs":
		r.winrs(inv)
	case "winrm":
		r.winrm(inv.Args[1:])
	case "psexec", "psexec64", "paexec":
		r.run(inv.shift(psexecProgram(inv.Args)))
	case "wine", "wine64":
		r.run(inv.shift(1))
	case "runas":
		r.runas(inv.Args[1:])
	case "schtasks":
		r.schtasks(inv.Args[1:])
	default: // keep Follows in step with the cases above
		switch source.Interpreter(name) {
		case source.LangBatch:
			r.cmd(inv, inv.Args[0].RawEnd)
			return
		case source.LangPowerShell:
			r.powershell(inv.Args[1:], name == "pwsh")
			return
		case source.LangShell:
			if text, ok := shellCommand(inv.Args[1:]); ok {
				r.nest(source.LangShell, text, false)
			} else if k := shellScript(inv.Args[1:]); k >= 0 && IsScript(inv.Args[1+k].Value.S) {
				r.call(inv.Args[1+k], inv.Args[2+k:])
			}
			return
		}
		if IsScript(inv.Args[0].Value.S) {
			r.call(inv.Args[0], inv.Args[1:])
			return
		}
		if !inv.argv {
			if at, ok := cmdSlash(inv.Line, inv.Args[0]); ok {
				r.cmd(inv, at)
			}
		}
	}
}

// cmdSlash reports whether the program prog of a command line is cmd.exe's name ended at a slash
// (cmd/c): cmd.exe ends its own name there when the name is not quoted. at is the slash's offset.
func cmdSlash(line value.Text, prog Arg) (at int, ok bool) {
	if prog.Unresolved() {
		return 0, false
	}
	raw := strings.ToLower(line.S[prog.RawStart:prog.RawEnd])
	for _, p := range []string{"cmd/", "cmd.exe/"} {
		if strings.HasPrefix(raw, p) {
			return prog.RawStart + len(p) - 1, true
		}
	}
	return 0, false
}

// RunLine is Run of the invocation of a Windows command line (FromLine), which splits the line
// only when Run does something with its program: most commands of a script run other programs.
func RunLine(f *source.File, line value.Text) []assign.Assignment {
	i := skipBlanks(line.S, 0)
	if i == len(line.S) {
		return nil
	}
	prog, _ := splitProgram(line, i)
	if _, slash := cmdSlash(line, prog); !slash && !Follows(ProgramName(prog)) && !IsScript(prog.Value.S) {
		return nil
	}
	return Run(f, FromLine(line))
}

// scriptExts are the extensions of the scripts whose calls are recorded (source.File.AddCall).
var scriptExts = []string{".cmd", ".bat", ".ps1", ".sh", ".bash"}

// IsScript reports whether a program as written names a script file privlint reads: its name
// ends with the extension of one (any case).
func IsScript(program string) bool {
	p := strings.ToLower(strings.Trim(program, `"' `))
	for _, e := range scriptExts {
		if strings.HasSuffix(p, e) && len(p) > len(e) {
			return true
		}
	}
	return false
}

// call records that the script runs with args (source.File.AddCall).
func (r *runner) call(script Arg, args []Arg) {
	if script.Unresolved() && !scriptDir(script.Value) {
		return
	}
	end := script.End()
	c := source.Call{Script: script.Value.S, Pos: r.f.Pos(script.Start())}
	ps := strings.HasSuffix(strings.ToLower(strings.TrimSpace(script.Value.S)), ".ps1")
	for k := 0; k < len(args); k++ {
		a := args[k]
		end = max(end, a.End())
		// A PowerShell script takes -Name value (or -Name:value) as a named argument.
		if v := a.Value.S; ps && len(v) > 1 && v[0] == '-' && !a.Unresolved() {
			name, val, colon := strings.Cut(v[1:], ":")
			switch {
			case colon:
				c.Args = append(c.Args, source.CallArg{Name: name, Text: val, Known: true})
				continue
			case k+1 < len(args):
				k++
				c.Args = append(c.Args, source.CallArg{Name: name, Text: args[k].Value.S, Known: !args[k].Unresolved()})
				end = max(end, args[k].End())
				continue
			}
		}
		c.Args = append(c.Args, source.CallArg{Text: a.Value.S, Known: !a.Unresolved()})
	}
	c.End = r.f.Pos(end)
	r.f.AddCall(c)
}

// scriptDir reports whether the only part of t known at run time is a leading %~dp0, the running
// batch file's directory, which the scan reads as the calling file's.
func scriptDir(t value.Text) bool {
	rt := t.Runtime()
	return len(rt) == 1 && rt[0].Start == 0 && strings.EqualFold(t.S[:rt[0].End], "%~dp0")
}

// schtasks follows the command line a scheduled task runs (/TR, -tr, any case): schtasks /create
// /tn x /tr "powershell -Command ..." runs it later, as the task's account.
func (r *runner) schtasks(args []Arg) {
	for k := 0; k+1 < len(args); k++ {
		if v := strings.ToLower(args[k].Value.S); v == "/tr" || v == "-tr" {
			r.run(FromLine(args[k+1].Value))
			return
		}
	}
}
