package powershell

import (
	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// variable is what a scope holds of a variable: its value and its flow (see pv.flow). The walker's
// variables are value.Scopes of them, a scope per script block, function and call being walked,
// the file's first, read from the innermost scope that sets them (PowerShell's dynamic scoping),
// by names normalized already (varName).
type variable struct {
	v    value.Value
	flow []assign.Step
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
