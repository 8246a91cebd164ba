package value

import "strings"

// Env holds the variables an evaluator knows, in nested scopes: the file's, then one per function,
// block or loop body the evaluator is in. A variable it does not know (never set, or set to
// something it could not follow and then forgotten) is simply absent: the evaluator reads it as
// unknown, with its own name as text.
type Env struct {
	fold bool
	s    *Scopes[Value]
}

// NewEnv returns an environment with one scope. Names are compared case-insensitively when fold is
// set (PowerShell, batch), exactly otherwise.
func NewEnv(fold bool) *Env {
	return &Env{fold: fold, s: NewScopes[Value]()}
}

func (e *Env) key(name string) string {
	if e.fold {
		return strings.ToLower(name)
	}
	return name
}

// Push opens a scope; Pop closes the innermost one and forgets what was defined in it.
func (e *Env) Push() { e.s.Push() }

// Pop closes the innermost scope; the file's scope is never closed.
func (e *Env) Pop() { e.s.Pop() }

// Depth returns how many scopes are open, the file's included.
func (e *Env) Depth() int { return e.s.Depth() }

// Define sets name in the innermost scope, hiding any outer variable of that name until the scope
// closes (PowerShell assignment, a block's parameters).
func (e *Env) Define(name string, v Value) { e.s.Define(e.key(name), v) }

// Assign sets name in the innermost scope that defines it, or the innermost scope when none does
// (Ruby, Puppet and shell assignment).
func (e *Env) Assign(name string, v Value) { e.s.Assign(e.key(name), v) }

// Global sets name in the file's scope ($global:x, $script:x).
func (e *Env) Global(name string, v Value) { e.s.Global(e.key(name), v) }

// Forget makes name unknown in every scope: the evaluator could not follow what was assigned to it.
func (e *Env) Forget(name string) { e.s.Forget(e.key(name)) }

// Hide makes name unknown in the innermost scope only, hiding outer values until the scope closes
// (a parameter or loop variable whose value is not known).
func (e *Env) Hide(name string) {
	if e.s.Depth() == 1 {
		e.s.Forget(e.key(name))
		return
	}
	e.s.Define(e.key(name), Value{Kind: Unknown, Text: Empty(0), size: hidden})
}

// hidden marks a value Hide stored: Lookup reports it as not known.
const hidden = -1

// Get returns the value of name and whether it is known: defined, and not hidden.
func (e *Env) Get(name string) (Value, bool) {
	p := e.s.Get(e.key(name))
	if p == nil || p.Kind == Unknown && p.size == hidden {
		return Value{}, false
	}
	return *p, true
}
