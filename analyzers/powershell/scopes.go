package powershell

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// scopes are the variables of the code being walked, a scope per script block, function and call
// being walked, the file's first. A variable is read from the innermost scope that sets it
// (PowerShell's dynamic scoping). Names are normalized already (varName).
type scopes struct {
	open  []scope
	spare []scope // scopes closed, whose memory the next ones opened reuse
}

// scope holds its variables in the order first set, and indexes them by name once it holds more
// than indexFrom.
type scope struct {
	vars  []variable
	index map[string]int
}

// variable is a variable's value and its flow (see pv.flow).
type variable struct {
	name string
	v    value.Value
	flow []assign.Step
}

func newScopes() *scopes { return &scopes{open: []scope{{}}} }

// push opens a scope; pop closes the innermost one. The file's scope is never closed.
func (s *scopes) push() {
	var sc scope
	if n := len(s.spare); n > 0 {
		sc, s.spare = s.spare[n-1], s.spare[:n-1]
	}
	s.open = append(s.open, sc)
}

func (s *scopes) pop() {
	n := len(s.open)
	if n == 1 {
		return
	}
	sc := s.open[n-1]
	clear(sc.vars) // what the closed scope held is no longer kept alive
	sc.vars = sc.vars[:0]
	if sc.index != nil {
		clear(sc.index)
	}
	s.open[n-1] = scope{}
	s.open = s.open[:n-1]
	s.spare = append(s.spare, sc)
}

// depth returns how many scopes are open, the file's included.
func (s *scopes) depth() int { return len(s.open) }

// find returns the variable name of the scope, or nil.
func (sc *scope) find(name string) *variable {
	if sc.index != nil {
		if i, ok := sc.index[name]; ok {
			return &sc.vars[i]
		}
		return nil
	}
	for i := range sc.vars {
		if sc.vars[i].name == name {
			return &sc.vars[i]
		}
	}
	return nil
}

// set sets name in the scope.
func (sc *scope) set(name string, v value.Value, flow []assign.Step) {
	if x := sc.find(name); x != nil {
		x.v, x.flow = v, flow
		return
	}
	sc.vars = append(sc.vars, variable{name, v, flow})
	switch {
	case sc.index != nil:
		sc.index[name] = len(sc.vars) - 1
	case len(sc.vars) > indexFrom:
		sc.index = make(map[string]int, 2*len(sc.vars))
		for i, x := range sc.vars {
			sc.index[x.name] = i
		}
	}
}

// get returns the variable name from the innermost scope that sets it, or nil.
func (s *scopes) get(name string) *variable {
	for i := len(s.open) - 1; i >= 0; i-- {
		if x := s.open[i].find(name); x != nil {
			return x
		}
	}
	return nil
}

// define sets name in the innermost scope, hiding any outer variable of that name until the scope
// closes; global sets it in the file's scope.
func (s *scopes) define(name string, v value.Value, flow []assign.Step) {
	s.open[len(s.open)-1].set(name, v, flow)
}

func (s *scopes) global(name string, v value.Value, flow []assign.Step) {
	s.open[0].set(name, v, flow)
}

// assign sets name in the innermost scope that sets it, or the innermost scope when none does.
func (s *scopes) assign(name string, v value.Value) {
	if x := s.get(name); x != nil {
		x.v = v
		return
	}
	s.define(name, v, nil)
}

// nameCache caches the normalized names of the variables and commands a walk looks up again and
// again (varName, commandKey), each normalized once per file.
type nameCache struct {
	vars map[string]varKey
	cmds map[string]string
}

type varKey struct {
	name  string
	outer bool
}

// maxCachedName bounds the names cached: longer ones are rare and normalized each time.
const maxCachedName = 64

func (c *nameCache) varName(name string) (string, bool) {
	if k, ok := c.vars[name]; ok {
		return k.name, k.outer
	}
	n, outer := varName(name)
	if len(name) <= maxCachedName {
		if c.vars == nil {
			c.vars = map[string]varKey{}
		}
		c.vars[name] = varKey{n, outer}
	}
	return n, outer
}

func (c *nameCache) commandKey(name string) string {
	if k, ok := c.cmds[name]; ok {
		return k
	}
	k := commandKey(name)
	if len(name) <= maxCachedName {
		if c.cmds == nil {
			c.cmds = map[string]string{}
		}
		c.cmds[name] = k
	}
	return k
}
