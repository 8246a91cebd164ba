package powershell

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
)

// dscResource records a DSC resource written in a configuration: Resource Name { properties }.
func dscResource(w *walker, cmd *Command, sc *scope, via string) {
	for _, e := range cmd.Elems {
		if h, ok := e.(*Hashtable); ok && h.Keyword {
			w.dsc(commandKey(via), via, w.eval(h, sc).table)
		}
	}
}

// invokeDscResource records Invoke-DscResource -Name Resource -Method Set -Property @{...}.
func invokeDscResource(w *walker, cmd *Command, sc *scope, _ string) {
	b := w.bind(invokeDscResourceSpec, cmd, sc)
	name, ok1 := b.get("name")
	props, ok2 := b.get("property")
	if method, ok := b.get("method"); ok && !strings.EqualFold(method.text, "set") {
		return // Get and Test only query
	}
	if name = w.use(name); ok1 && ok2 && name.kind == valStr && props.kind == valTable {
		w.dsc(commandKey(name.text), name.text, props.table)
	}
}

// dsc records the properties of a UserRightsAssignment (SecurityPolicyDsc: adds the Identity
// accounts, Force = $true replaces the list, Ensure = 'Absent' removes them) or Carbon_Privilege
// (gives the Identity the rights listed) resource.
func (w *walker) dsc(kind, via string, t *table) {
	if t == nil {
		return
	}
	ensure, _ := t.get("ensure")
	absent := ensure.kind == valStr && len(ensure.text) <= maxScalarText && strings.EqualFold(strings.TrimSpace(ensure.text), "absent")
	identity, haveIdentity := t.get("identity")
	identity = w.use(identity)
	var accounts []value
	if haveIdentity && (identity.kind != valStr || strings.TrimSpace(identity.text) != "") {
		accounts = []value{identity}
	}
	switch kind {
	case "userrightsassignment":
		policy, ok := t.get("policy")
		if !ok {
			return
		}
		op, scope := assign.Grant, ""
		if force, _ := t.get("force"); force.truthy() {
			op, scope = assign.Set, fmt.Sprintf("dsc@%d", w.block())
		}
		if absent {
			op, scope = assign.Revoke, ""
		}
		w.emit(op, via, scope, w.expand(policy), accounts)
	case "carbon_privilege":
		privileges, ok := t.get("privilege")
		if !ok || !haveIdentity {
			return
		}
		op := assign.Grant
		if absent {
			op = assign.Revoke
		}
		w.emit(op, via, "", w.expand(privileges), accounts)
	}
}

// block returns the start of the innermost script block being walked, or -1 at the top level.
func (w *walker) block() int {
	if len(w.blocks) == 0 {
		return -1
	}
	return w.blocks[len(w.blocks)-1]
}
