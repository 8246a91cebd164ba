// Package ntrights reads the argument grammar of ntrights.exe (Windows Resource Kit), shared by every
// language that can call it:
//
//	ntrights +r Right -u Account [-m \\Computer] [-e "event text"]
//	ntrights -r Right -u Account [-m \\Computer] [-e "event text"]
//
// Options may come in any order and in any case; the value of -u, -m and -e may follow its option
// with or without a space (-m\\host).
package ntrights

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// Arg is one command-line argument as the calling language produced it.
type Arg struct {
	Text       string       // after the host language removed quotes and expanded what it could
	Start, End int          // the argument's byte offsets in the file's decoded text
	Unresolved bool         // Text holds a value known only at run time (a variable left as written)
	Runtime    []value.Span // the parts of Text known only at run time, when known (see assign.Account)
	Origin     string       // where a value known only at run time comes from (see assign.Account)
}

// Command is one ntrights invocation.
type Command struct {
	Op       assign.Op // Grant for +r, Revoke for -r
	Right    Arg
	Account  Arg
	Computer string // the -m value, if any
}

// Problem is an argument list that is not a valid ntrights invocation.
type Problem struct {
	Offset  int
	Message string
}

// IsProgram reports whether a command name runs ntrights: ntrights, ntrights.exe, or a path ending
// in one of them, in any case, with / or \ separators.
func IsProgram(name string) bool {
	n := strings.ToLower(strings.Trim(name, `"'`))
	if i := strings.LastIndexAny(n, `/\`); i >= 0 {
		n = n[i+1:]
	}
	return n == "ntrights" || n == "ntrights.exe"
}

// Parse reads the arguments after the program name. It returns ok=false, with a problem, when the
// arguments name no right, name no account, or use an option ntrights does not have; a command with
// neither +r nor -r (such as a usage request) yields ok=false and no problem.
func Parse(args []Arg) (cmd Command, ok bool, problems []Problem) {
	var haveRight, haveAccount bool
	at := 0
	if len(args) > 0 {
		at = args[0].Start
	}
	bad := func(off int, format string, a ...any) {
		problems = append(problems, Problem{off, fmt.Sprintf(format, a...)})
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a.Unresolved && !strings.HasPrefix(a.Text, "-") && !strings.HasPrefix(a.Text, "+") {
			bad(a.Start, "ntrights argument %s is known only at run time; the invocation cannot be read", a.Text)
			return cmd, false, problems
		}
		switch strings.ToLower(a.Text) {
		case "/?", "-?", "/h", "-h", "--help":
			return cmd, false, nil // a usage request grants nothing
		}
		if len(a.Text) < 2 || (a.Text[0] != '-' && a.Text[0] != '+' && a.Text[0] != '/') {
			bad(a.Start, "unexpected ntrights argument %q", a.Text)
			continue
		}
		opt := strings.ToLower(a.Text[:2])
		// value returns the option's value: the rest of this argument, else the next argument.
		value := func() (Arg, bool) {
			if len(a.Text) > 2 {
				v := a
				v.Text = a.Text[2:]
				if v.End-v.Start == len(a.Text) { // the argument was written unquoted: offsets follow the text
					v.Start += 2
				}
				return v, true
			}
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			bad(a.Start, "ntrights option %s has no value", a.Text)
			return Arg{}, false
		}
		switch opt {
		case "+r", "-r":
			v, ok := value()
			if !ok {
				return cmd, false, problems
			}
			if haveRight {
				bad(a.Start, "ntrights takes one +r or -r; a second one is ignored")
				continue
			}
			if v.Unresolved {
				bad(v.Start, "ntrights right %s is known only at run time; the invocation cannot be read", v.Text)
				return cmd, false, problems
			}
			cmd.Op, cmd.Right, haveRight = assign.Grant, v, true
			if opt == "-r" {
				cmd.Op = assign.Revoke
			}
		case "-u":
			v, ok := value()
			if !ok {
				return cmd, false, problems
			}
			cmd.Account, haveAccount = v, true
		case "-m":
			v, ok := value()
			if !ok {
				return cmd, false, problems
			}
			cmd.Computer = v.Text
		case "-e":
			if _, ok := value(); !ok {
				return cmd, false, problems
			}
		default:
			bad(a.Start, "unknown ntrights option %q", a.Text)
		}
	}
	switch {
	case !haveRight && !haveAccount:
		return cmd, false, problems
	case !haveRight:
		bad(at, "ntrights invocation has -u but no +r or -r right")
		return cmd, false, problems
	case !haveAccount:
		bad(at, "ntrights invocation has %s %s but no -u account", map[assign.Op]string{assign.Grant: "+r", assign.Revoke: "-r"}[cmd.Op], cmd.Right.Text)
		return cmd, false, problems
	}
	return cmd, true, problems
}

// Assignment turns a command into the assignment every extractor produces, with positions made by
// pos from offsets.
func (c Command) Assignment(pos func(off int) token.Pos) assign.Assignment {
	return assign.Assignment{
		Right: c.Right.Text, Pos: pos(c.Right.Start), End: pos(c.Right.End), Op: c.Op, Via: "ntrights",
		Accounts: []assign.Account{{
			Text: c.Account.Text, Pos: pos(c.Account.Start), End: pos(c.Account.End), Unresolved: c.Account.Unresolved,
			Runtime: c.Account.Runtime, Origin: c.Account.Origin,
		}},
	}
}
