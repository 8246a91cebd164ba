package cmdline

import (
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/ntrights"
	"github.com/privlint/privlint/analyzers/value"
)

// ntrights reads an ntrights.exe invocation with the shared grammar.
func (r *runner) ntrights(args []Arg) {
	vs := make([]value.Value, len(args))
	for i, a := range args {
		vs[i] = value.Of(a.Value)
	}
	cmd, ok, problems := ntrights.Parse(r.f, vs)
	for _, p := range problems {
		r.f.Problemf(p.Offset, "%s", p.Message)
	}
	if ok {
		r.out = append(r.out, cmd.Assignment(r.f))
	}
}

// editrights reads Cygwin's and MSYS2's editrights:
//
//	editrights -a RIGHT -u USER    (also --add, --user; adds the right)
//	editrights -r RIGHT -u USER    (also --remove; removes it)
//
// -l (list) and -t (test) change nothing. Option values may be attached (-aRIGHT, --add=RIGHT).
func (r *runner) editrights(args []Arg) {
	type change struct {
		op    assign.Op
		right Arg
	}
	var (
		changes []change
		user    *Arg
	)
	for k := 0; k < len(args); k++ {
		a := args[k]
		v := a.Value.S
		var opt string
		var val Arg
		hasVal := false
		switch {
		case strings.HasPrefix(v, "--"):
			opt = v[2:]
			if i := strings.IndexByte(opt, '='); i >= 0 {
				opt, val, hasVal = opt[:i], trimArg(a, 2+i+1), true
			}
		case strings.HasPrefix(v, "-") && len(v) >= 2:
			opt = v[1:2]
			if len(v) > 2 {
				val, hasVal = trimArg(a, 2), true
			}
		default:
			r.f.Problemf(a.Start(), "unexpected editrights argument %q", v)
			continue
		}
		switch opt {
		case "a", "add", "r", "remove", "u", "user":
		default:
			continue // -l, -t, -h, -v and the like change nothing
		}
		if !hasVal {
			if k+1 >= len(args) {
				r.f.Problemf(a.Start(), "editrights option %s has no value", v)
				return
			}
			k++
			val = args[k]
		}
		switch opt {
		case "a", "add":
			changes = append(changes, change{assign.Grant, val})
		case "r", "remove":
			changes = append(changes, change{assign.Revoke, val})
		default:
			user = &val
		}
	}
	if len(changes) == 0 {
		return
	}
	if user == nil {
		r.f.Problemf(changes[0].right.Start(), "editrights changes %s but names no -u user", changes[0].right.Value.S)
		return
	}
	accounts, truncated := assign.Accounts(r.f, value.Of(user.Value))
	for _, c := range changes {
		if c.right.Unresolved() {
			r.f.Problemf(c.right.Start(), "editrights right %s is known only at run time; the invocation cannot be read", c.right.Value.S)
			continue
		}
		r.out = append(r.out, assign.Assignment{
			Right: c.right.Value.S, Pos: r.f.Pos(c.right.Start()), End: r.f.Pos(c.right.End()), Op: c.op, Via: "editrights",
			Accounts: accounts, Truncated: truncated,
		})
	}
}

// trimArg returns the argument without its first n bytes: an option's attached value.
func trimArg(a Arg, n int) Arg {
	return Arg{Value: a.Value.Slice(n, a.Value.Len()), RawStart: a.RawStart, RawEnd: a.RawEnd}
}
