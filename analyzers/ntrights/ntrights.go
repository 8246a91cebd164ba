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
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/value"
)

// Command is one ntrights invocation. Its arguments are values as the calling language evaluated
// them: quotes removed, what it could expand expanded, each byte mapped to where it is written.
type Command struct {
	Op       assign.Op // Grant for +r, Revoke for -r
	Right    value.Value
	Account  value.Value
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

// Parse reads the arguments after the program name, written in f. It returns ok=false, with a
// problem, when the arguments name no right, name no account, or use an option ntrights does not
// have; a command with neither +r nor -r (such as a usage request) yields ok=false and no problem.
func Parse(f *source.File, args []value.Value) (cmd Command, ok bool, problems []Problem) {
	var haveRight, haveAccount bool
	at := 0
	if len(args) > 0 {
		at = args[0].Text.Offset(0)
	}
	bad := func(off int, format string, a ...any) {
		problems = append(problems, Problem{off, fmt.Sprintf(format, a...)})
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		text, start := a.Text.S, a.Text.Offset(0)
		if unresolved(a) && !strings.HasPrefix(text, "-") && !strings.HasPrefix(text, "+") {
			bad(start, "ntrights argument %s is known only at run time; the invocation cannot be read", written(f, a))
			return cmd, false, problems
		}
		switch strings.ToLower(text) {
		case "/?", "-?", "/h", "-h", "--help":
			return cmd, false, nil // a usage request grants nothing
		}
		if len(text) < 2 || (text[0] != '-' && text[0] != '+' && text[0] != '/') {
			bad(start, "unexpected ntrights argument %q", text)
			continue
		}
		opt := strings.ToLower(text[:2])
		// optValue returns the option's value: the rest of this argument, else the next argument.
		optValue := func() (value.Value, bool) {
			if len(text) > 2 {
				return value.Of(a.Text.Slice(2, len(text))), true
			}
			if i+1 < len(args) {
				i++
				return args[i], true
			}
			bad(start, "ntrights option %s has no value", text)
			return value.Value{}, false
		}
		switch opt {
		case "+r", "-r":
			v, ok := optValue()
			if !ok {
				return cmd, false, problems
			}
			if haveRight {
				bad(start, "ntrights takes one +r or -r; a second one is ignored")
				continue
			}
			if unresolved(v) {
				bad(v.Text.Offset(0), "ntrights right %s is known only at run time; the invocation cannot be read", written(f, v))
				return cmd, false, problems
			}
			cmd.Op, cmd.Right, haveRight = assign.Grant, v, true
			if opt == "-r" {
				cmd.Op = assign.Revoke
			}
		case "-u":
			v, ok := optValue()
			if !ok {
				return cmd, false, problems
			}
			cmd.Account, haveAccount = v, true
		case "-m":
			v, ok := optValue()
			if !ok {
				return cmd, false, problems
			}
			cmd.Computer = v.Text.S
		case "-e":
			if _, ok := optValue(); !ok {
				return cmd, false, problems
			}
		default:
			bad(start, "unknown ntrights option %q", text)
		}
	}
	switch {
	case !haveRight && !haveAccount:
		return cmd, false, problems
	case !haveRight:
		bad(at, "ntrights invocation has -u but no +r or -r right")
		return cmd, false, problems
	case !haveAccount:
		bad(at, "ntrights invocation has %s %s but no -u account", map[assign.Op]string{assign.Grant: "+r", assign.Revoke: "-r"}[cmd.Op], cmd.Right.Text.S)
		return cmd, false, problems
	}
	return cmd, true, problems
}

// unresolved reports whether any of v is known only at run time.
func unresolved(v value.Value) bool { return v.Kind == value.Unknown || v.Text.AnyUnresolved() }

// written returns v as f writes it where it is known only at run time (see assign.AccountOf).
func written(f *source.File, v value.Value) string { return assign.AccountOf(f, v.Text).Text }

// Assignment turns a command written in f into the assignment every extractor produces; its
// accounts are read by assign.Reader.
func (c Command) Assignment(f *source.File) assign.Assignment {
	start, end := c.Right.Text.Span(0, c.Right.Text.Len())
	a := assign.Assignment{Right: c.Right.Text.S, Pos: f.Pos(start), End: f.Pos(end), Op: c.Op, Via: "ntrights"}
	a.Accounts, a.Truncated = assign.Accounts(f, c.Account)
	return a
}
