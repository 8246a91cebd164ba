package powershell

import (
	"go/token"
	"slices"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// handler records the assignments of one command; via is the command's name as written.
type handler func(w *walker, cmd *Command, via string)

// handlers are the commands that grant, set or revoke rights, by commandKey. (Set in init: the
// handlers walk code, which looks handlers up.)
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"grant-cprivilege":     bound(carbonSpec, assign.Grant, "privilege", "identity"),
		"grant-privilege":      bound(carbonSpec, assign.Grant, "privilege", "identity"),
		"revoke-cprivilege":    bound(carbonSpec, assign.Revoke, "privilege", "identity"),
		"revoke-privilege":     bound(carbonSpec, assign.Revoke, "privilege", "identity"),
		"grant-userright":      bound(userRightsSpec, assign.Grant, "right", "account"),
		"revoke-userright":     bound(userRightsSpec, assign.Revoke, "right", "account"),
		"add-windowsright":     bound(windowsRightSpec, assign.Grant, "name", "account"),
		"remove-windowsright":  bound(windowsRightSpec, assign.Revoke, "name", "account"),
		"clear-windowsright":   bound(clearWindowsRightSpec, assign.Set, "name", ""),
		"userrightsassignment": dscResource,
		"carbon_privilege":     dscResource,
		"invoke-dscresource":   invokeDscResource,
		"start-process":        startProcess,
		"invoke-expression":    invokeExpression,
	}
}

// bound handles a cmdlet whose rights and accounts are two of its parameters. Without an account
// parameter (Clear-WindowsRight -Name), the assignment has no accounts.
func bound(spec cmdSpec, op assign.Op, rightParam, accountParam string) handler {
	return func(w *walker, cmd *Command, via string) {
		b := w.bind(spec, cmd)
		rights, ok := b.get(rightParam)
		if !ok {
			return
		}
		var accounts []pv
		if accountParam != "" {
			acc, ok := b.get(accountParam)
			if !ok {
				return
			}
			accounts = []pv{acc}
		}
		w.emit(op, via, "", w.expand(rights), accounts)
	}
}

func (w *walker) pos(off int) token.Pos { return w.f.Pos(off) }

// emit records one assignment per right in rights, each with the accounts, read by
// assign.Reader. Each assignment after the first copies the accounts: when that is more than a
// small value's work it is charged, and past the budget the accounts of the rest are one unknown
// account, written as the first one is. Past assign.MaxAccounts accounts the assignments are
// Truncated, which is reported once, when there is an assignment.
func (w *walker) emit(op assign.Op, via, scope string, rights []pv, accounts []pv) {
	cut := -1 // where the accounts past assign.MaxAccounts start
	l := assign.Reader{F: w.f, TooMany: func(off int) { cut = off }}
	for _, v := range accounts {
		if !w.addAccounts(&l, v) {
			break
		}
	}
	list := l.Out
	first := true
	for _, r := range rights {
		if r = w.use(r); r.Kind != value.Str {
			continue
		}
		rs, re := r.span()
		if cost := value.ItemCost * len(list); !first && cost > smallValue && !w.chargeWork(rs, cost) {
			list, _ = assign.Accounts(w.f, w.unknownAt(accounts[0].span()).Value)
		}
		first = false
		w.add(assign.Assignment{
			Right: r.Text.S, Pos: w.pos(rs), End: w.pos(re), Op: op, Via: via, Scope: scope,
			Accounts: slices.Clone(list), Truncated: l.Truncated,
		})
	}
	if !first && cut >= 0 {
		w.tooManyAt(cut)
	}
}

// accountCost is what reading one account allocates, for the budget: the account, its text and
// its removal edit.
const accountCost = 512

// addAccounts reads the accounts v names into l, each with the flow of the value it comes from;
// false once the list is full.
func (w *walker) addAccounts(l *assign.Reader, v pv) bool {
	sv, flow, elems := w.sharedFlows(v)
	if n := len(sv.Elems); sv.Kind == value.List && n*accountCost > smallValue && !v.literal() {
		// Reading a list built elsewhere allocates an account per element, far more than the
		// list's weight: charged, and past the budget the list is one unknown account.
		if s, e := v.span(); !w.chargeWork(s, n*accountCost) {
			sv, flow, elems = w.unknownAt(s, e).Value, v.flow, nil
		}
	}
	withFlow := func(from int, flow []assign.Step) {
		for i := from; flow != nil && i < len(l.Out); i++ {
			l.Out[i].Flow = flow
		}
	}
	if elems == nil {
		n := len(l.Out)
		ok := l.Add(sv)
		withFlow(n, flow)
		return ok
	}
	// The elements came through different calls: read one at a time, as Reader reads a list of
	// two or more.
	for i, e := range sv.Elems {
		n := len(l.Out)
		ok := l.Add(e)
		withFlow(n, elems[i])
		if !ok {
			return false
		}
	}
	if sv.Cut {
		l.Cut(sv)
		return false
	}
	return true
}

// tooManyAt reports that an account list goes on past assign.MaxAccounts at off, once per list.
func (w *walker) tooManyAt(off int) {
	if !w.tooMany[off] {
		w.tooMany[off] = true
		assign.TooMany(w.f, off)
	}
}

// rightLike reports whether a value names one of the checked rights, or almost does.
func (w *walker) rightLike(v pv) bool {
	return v.Kind == value.Str && v.Text.Len() <= maxScalarText && w.f.Rights().Names(v.Text.S)
}

// accountParams are the parameter names that, on an unknown Grant-, Add- or Set- command, give
// the accounts.
var accountParams = map[string]bool{
	"account": true, "accounts": true, "accountname": true, "identity": true, "user": true,
	"username": true, "users": true, "principal": true, "sid": true,
}

// genericGrant records any other Grant-, Add- or Set- command that passes one of the rights with an
// account parameter: a grant, or a revoke when a -Remove... or -Revoke... switch is set.
func (w *walker) genericGrant(cmd *Command, key, via string) {
	if !mayGrantGeneric(cmd, key) {
		return
	}
	b := w.bind(nil, cmd)
	var accounts, rights []pv
	op := assign.Grant
	collect := func(v pv) {
		for _, it := range w.expand(v) {
			if w.rightLike(it) {
				rights = append(rights, it)
			}
		}
	}
	for i := range b.named.Len() {
		n, a := b.named.At(i)
		v := a.v
		switch {
		case accountParams[n]:
			accounts = append(accounts, v)
		case strings.HasPrefix(n, "remove") || strings.HasPrefix(n, "revoke"):
			if v.Kind != value.Bool || v.Bool {
				op = assign.Revoke
			}
			collect(v)
		default:
			collect(v)
		}
	}
	for _, a := range b.pos {
		collect(a.v)
	}
	if len(accounts) == 0 || len(rights) == 0 {
		return
	}
	w.emit(op, via, "", rights, accounts)
}

// mayGrantGeneric reports whether genericGrant may record cmd: a Grant-, Add- or Set- command
// with an account parameter written, or a table splatted whose keys may name one. Most Set-
// commands (Set-Location, Set-StrictMode) have neither, and their arguments are then not bound.
func mayGrantGeneric(cmd *Command, key string) bool {
	verb, _, ok := strings.Cut(key, "-")
	if !ok || verb != "grant" && verb != "add" && verb != "set" {
		return false
	}
	for _, e := range cmd.Elems {
		switch e := e.(type) {
		case *CmdParam:
			if accountParams[strings.ToLower(e.Name)] {
				return true
			}
		case *VarRef:
			if e.Splat {
				return true
			}
		}
	}
	return false
}

// lsaOp returns what a method of that name does to rights when lsaCall reads it: LsaAddAccountRights
// (and a wrapper's AddAccountRights, GrantPrivileges) grants, LsaRemoveAccountRights revokes.
func lsaOp(method string) (assign.Op, bool) {
	m := strings.ToLower(method)
	switch {
	case strings.Contains(m, "addaccountright"), m == "grantprivilege", m == "grantprivileges":
		return assign.Grant, true
	case strings.Contains(m, "removeaccountright"), m == "revokeprivilege", m == "revokeprivileges":
		return assign.Revoke, true
	}
	return 0, false
}

// lsaCall records a call of LsaAddAccountRights (or LsaRemoveAccountRights, or a wrapper's
// AddAccountRights / GrantPrivileges) that passes a right by name. The account is the SID argument
// (the second of LsaAddAccountRights' four), unresolved unless it is a literal.
func (w *walker) lsaCall(n *Invoke) {
	name, ok := n.Fn.Name.(*StringLit)
	if !ok {
		return
	}
	op, ok := lsaOp(name.Tok.Value)
	if !ok {
		return
	}
	var rights []pv
	isRight := make([]bool, len(n.Args))
	for i, a := range n.Args {
		for _, it := range w.expand(w.eval(a)) {
			if w.rightLike(it) {
				rights, isRight[i] = append(rights, it), true
			}
		}
		if isRight[i] {
			continue
		}
		inspect(a, func(c Node) bool {
			if lit, ok := c.(*StringLit); ok && lit.Tok.Parts == nil {
				if v := w.evalString(lit); w.rightLike(v) {
					rights, isRight[i] = append(rights, v), true
				}
			}
			return true
		})
	}
	if len(rights) == 0 {
		return
	}
	var account int
	if len(n.Args) >= 3 && !isRight[1] {
		account = 1
	} else {
		account = slices.Index(isRight, false)
	}
	var accounts []pv
	if account >= 0 {
		v := w.eval(n.Args[account])
		if v.Kind != value.Str && v.Kind != value.Unknown {
			v = w.unknown(n.Args[account])
		}
		accounts = append(accounts, v)
	}
	w.emit(op, name.Tok.Value, "", rights, accounts)
}
