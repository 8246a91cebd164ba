package value

import "strings"

// Env holds the variables an evaluator knows, in nested scopes: the file's, then one per function,
// block or loop body the evaluator is in. A variable it does not know (never set, or set to
// something it could not follow and then forgotten) is simply absent: the evaluator reads it as
// unknown, with its own name as text.
type Env struct {
	fold   bool
	scopes []map[string]Value
}

// NewEnv returns an environment with one scope. Names are compared case-insensitively when fold is
// set (PowerShell, batch), exactly otherwise.
func NewEnv(fold bool) *Env {
	return &Env{fold: fold, scopes: []map[string]Value{{}}}
}

func (e *Env) key(name string) string {
	if e.fold {
		return strings.ToLower(name)
	}
	return name
}

// Push opens a scope; Pop closes the innermost one and forgets what was defined in it.
func (e *Env) Push() { e.scopes = append(e.scopes, map[string]Value{}) }

// Pop closes the innermost scope; the file's scope is never closed.
func (e *Env) Pop() {
	if len(e.scopes) > 1 {
		e.scopes = e.scopes[:len(e.scopes)-1]
	}
}

// Depth returns how many scopes are open, the file's included.
func (e *Env) Depth() int { return len(e.scopes) }

// lookup returns the value of name, from the innermost scope that defines it.
func (e *Env) lookup(name string) (Value, bool) {
	k := e.key(name)
	for i := len(e.scopes) - 1; i >= 0; i-- {
		if v, ok := e.scopes[i][k]; ok {
			return v, true
		}
	}
	return Value{}, false
}

// Define sets name in the innermost scope, hiding any outer variable of that name until the scope
// closes (PowerShell assignment, a block's parameters).
func (e *Env) Define(name string, v Value) { e.scopes[len(e.scopes)-1][e.key(name)] = v }

// Assign sets name in the innermost scope that defines it, or the innermost scope when none does
// (Ruby, Puppet and shell assignment).
func (e *Env) Assign(name string, v Value) {
	k := e.key(name)
	for i := len(e.scopes) - 1; i >= 0; i-- {
		if _, ok := e.scopes[i][k]; ok {
			e.scopes[i][k] = v
			return
		}
	}
	e.scopes[len(e.scopes)-1][k] = v
}

// Global sets name in the file's scope ($global:x, $script:x).
func (e *Env) Global(name string, v Value) { e.scopes[0][e.key(name)] = v }

// Forget makes name unknown in every scope: the evaluator could not follow what was assigned to it.
func (e *Env) Forget(name string) {
	k := e.key(name)
	for _, s := range e.scopes {
		delete(s, k)
	}
}

// Hide makes name unknown in the innermost scope only, hiding outer values until the scope closes
// (a parameter or loop variable whose value is not known).
func (e *Env) Hide(name string) {
	if len(e.scopes) == 1 {
		delete(e.scopes[0], e.key(name))
		return
	}
	e.scopes[len(e.scopes)-1][e.key(name)] = Value{Kind: Unknown, Text: Empty(0), size: hidden}
}

// hidden marks a value Hide stored: Lookup reports it as not known.
const hidden = -1

// Get returns the value of name and whether it is known: defined, and not hidden.
func (e *Env) Get(name string) (Value, bool) {
	v, ok := e.lookup(name)
	if !ok || v.Kind == Unknown && v.size == hidden {
		return Value{}, false
	}
	return v, true
}
