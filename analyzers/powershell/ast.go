package powershell

import "github.com/privlint/privlint/analyzers/assign"

// Node is a node of the syntax tree. Its span is byte offsets in the parsed text.
type Node interface {
	Span() (start, end int)
}

type span struct{ start, end int }

func (s span) Span() (int, int) { return s.start, s.end }

// Statements.

// Block is a statement list: a script, a script block's or function's body, a subexpression.
// Past assign.MaxAccounts statements the parser keeps only those that are not inert, and Rest
// spans the rest (see keep), as for the elements of a list: @( ) and $( ) make a list of what
// their statements output.
type Block struct {
	span
	Params []*ParamDecl // from a param( ) block
	Stmts  []Node
	Rest   *Bad
}

// Pipeline is one or more commands or expressions joined by |.
type Pipeline struct {
	span
	Elems []Node // *Command or an expression
	// Out says the last element's output is written to a file (> file, >> file).
	Out bool
}

// Assign is `target op value`; the value is a statement.
type Assign struct {
	span
	Target Node
	Op     string // = += -= *= /= %= ??=
	Value  Node
}

// Command is a command invocation: a name, then parameters and arguments in the order written.
type Command struct {
	span
	Call  string // "&" or "." when invoked with the call or dot-source operator
	Name  Node
	Elems []Node // *CmdParam or an argument expression
	Out   bool   // its output is written to a file (> file, >> file)
}

// CmdParam is a parameter of a command, -Name or -Name:value.
type CmdParam struct {
	span
	Name    string // without the dash and colon, as written
	Colon   bool
	Arg     Node // the value written after the colon
	nameEnd int  // the end of the parameter token itself
}

// FuncDef is `function Name (params) { body }` (also filter and workflow).
type FuncDef struct {
	span
	Name   string
	Params []*ParamDecl
	Body   *Block
}

// ParamDecl is one parameter of a param( ) block or function.
type ParamDecl struct {
	span
	Name    string
	Default Node
	// Position is the position [Parameter(Position = n)] gives it, or -1.
	Position int
	// Pipeline says [Parameter(ValueFromPipeline)] binds it to the items piped in.
	Pipeline bool
	// Switch says it is declared [switch]: it takes no argument.
	Switch bool
}

// paramBlock is a param( ) statement while its block is parsed.
type paramBlock struct {
	span
	Params []*ParamDecl
}

// If is if/elseif/else, and PowerShell 7's ternary cond ? a : b (one condition, each branch a
// block of one expression).
type If struct {
	span
	Conds  []Node
	Bodies []*Block
	Else   *Block
}

// Loop is while, do-while, do-until and for.
type Loop struct {
	span
	Keyword string
	Header  []Node // the condition, or for's initializer, condition and iterator
	Body    *Block
}

// Foreach is `foreach ($v in iter) { body }`.
type Foreach struct {
	span
	Var  *VarRef
	Iter Node
	Body *Block
}

// Switch is `switch (subject) { pattern { body } ... }`.
type Switch struct {
	span
	Subject  Node
	Patterns []Node
	Bodies   []*Block
}

// Try is blocks that run in order, some only conditionally: try/catch/finally, trap, a function's
// named blocks (begin/process/end), a data section, and a pipeline chain a && b || c where one
// statement is expected (in a statement list each pipeline of a chain is a statement of its own).
type Try struct {
	span
	Blocks []*Block
}

// Flow is return, throw, exit, break or continue, with its optional value.
type Flow struct {
	span
	Keyword string
	Value   Node
}

// ClassDef is a class or enum; only its method bodies are kept.
type ClassDef struct {
	span
	Name    string
	Methods []*Block
}

// Bad is text the parser skipped.
type Bad struct{ span }

// Expressions.

// StringLit is a string of any quoting, a here-string or a bare word (a generic token in argument
// mode, an identifier in expression mode).
type StringLit struct {
	span
	Tok Token
}

// NumberLit is a numeric literal.
type NumberLit struct {
	span
	Text string
}

// VarRef is a variable, or a splatted variable @name.
type VarRef struct {
	span
	Name  string
	Splat bool
}

// ArrayLit is a comma list, a,b,c. Past assign.MaxAccounts elements the parser keeps only those
// that are not inert, and Rest spans the rest (see keep).
type ArrayLit struct {
	span
	Elems []Node
	Rest  *Bad
}

// add appends an element the parser read to the list (see keep).
func (a *ArrayLit) add(el Node) {
	a.Elems = keep(a.Elems, &a.Rest, el)
	_, a.end = el.Span()
}

// keep returns elems, the elements of a list or statements of a statement list read so far, with
// el, the next one: every one of the first assign.MaxAccounts, and past them only those that are
// not inert, which are walked but never evaluated. *rest, created at the first element past
// assign.MaxAccounts, spans every element from there on, kept or not. A list of millions of names
// then costs what a list of assign.MaxAccounts does.
func keep(elems []Node, rest **Bad, el Node) []Node {
	if len(elems) < assign.MaxAccounts {
		return append(elems, el)
	}
	s, e := el.Span()
	if *rest == nil {
		*rest = &Bad{span{s, e}}
	}
	(*rest).end = e
	if inert(el) {
		return elems
	}
	return append(elems, el)
}

// inert reports whether a list element or a statement can neither run code nor hold a security
// template, so that dropping it loses nothing but its value: a number, a variable, a string
// without subexpressions that is not a template, or pieces of them written together, alone in its
// pipeline.
func inert(n Node) bool {
	switch n := n.(type) {
	case *Pipeline:
		return len(n.Elems) == 1 && inert(n.Elems[0])
	case *Concat:
		for _, p := range n.Parts {
			if !inert(p) {
				return false
			}
		}
		return true
	case *NumberLit, *VarRef, *Bad:
		return true
	case *StringLit:
		for _, p := range n.Tok.Parts {
			if p.Kind == PartSub {
				return false
			}
		}
		return !mayBeTemplate(n.Tok)
	}
	return false
}

// SubExpr is ( pipeline ), $( statements ) or @( statements ).
type SubExpr struct {
	span
	Kind Kind // LParen, DollarParen or AtParen
	Body *Block
}

// Hashtable is @{ key = value; ... } or the body of a DSC resource, Resource Name { key = value }.
type Hashtable struct {
	span
	Keys    []Node
	Values  []Node // statements
	Keyword bool   // the body of a DSC resource
}

// ScriptBlock is { ... } as a value.
type ScriptBlock struct {
	span
	Body *Block
}

// Binary is x op y.
type Binary struct {
	span
	Op   string // lower case: + - -f -join -eq ..
	X, Y Node
}

// Unary is op x (and x++ / x-- with the operator after).
type Unary struct {
	span
	Op string
	X  Node
}

// TypeLit is [type] or an attribute [Name(args)]: the text between the brackets.
type TypeLit struct {
	span
	Name string
}

// Cast is [type] x.
type Cast struct {
	span
	Type string
	X    Node
}

// Member is x.Name or x::Name (Static).
type Member struct {
	span
	X      Node
	Name   Node
	Static bool
}

// Invoke is a method call x.Name(args).
type Invoke struct {
	span
	Fn   *Member
	Args []Node
}

// Index is x[i].
type Index struct {
	span
	X, Idx Node
}

// Concat is an argument written as adjacent pieces: $dir\ntrights.exe, "a"$b.
type Concat struct {
	span
	Parts []Node
}

func spanOf(n Node) span {
	s, e := n.Span()
	return span{s, e}
}

// inspect calls f for n and, while f returns true, for every node below it, depth first.
func inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	block := func(b *Block) {
		if b == nil {
			return
		}
		for _, p := range b.Params {
			inspect(p, f)
		}
		for _, s := range b.Stmts {
			inspect(s, f)
		}
	}
	all := func(nodes []Node) {
		for _, c := range nodes {
			inspect(c, f)
		}
	}
	switch n := n.(type) {
	case *Block:
		block(n)
	case *Pipeline:
		all(n.Elems)
	case *Assign:
		inspect(n.Target, f)
		inspect(n.Value, f)
	case *Command:
		inspect(n.Name, f)
		all(n.Elems)
	case *CmdParam:
		inspect(n.Arg, f)
	case *ParamDecl:
		inspect(n.Default, f)
	case *FuncDef:
		for _, p := range n.Params {
			inspect(p, f)
		}
		block(n.Body)
	case *If:
		all(n.Conds)
		for _, b := range n.Bodies {
			block(b)
		}
		block(n.Else)
	case *Loop:
		all(n.Header)
		block(n.Body)
	case *Foreach:
		if n.Var != nil {
			inspect(n.Var, f)
		}
		inspect(n.Iter, f)
		block(n.Body)
	case *Switch:
		inspect(n.Subject, f)
		all(n.Patterns)
		for _, b := range n.Bodies {
			block(b)
		}
	case *Try:
		for _, b := range n.Blocks {
			block(b)
		}
	case *Flow:
		inspect(n.Value, f)
	case *ClassDef:
		for _, b := range n.Methods {
			block(b)
		}
	case *ArrayLit:
		all(n.Elems)
	case *SubExpr:
		block(n.Body)
	case *Hashtable:
		all(n.Keys)
		all(n.Values)
	case *ScriptBlock:
		block(n.Body)
	case *Binary:
		inspect(n.X, f)
		inspect(n.Y, f)
	case *Unary:
		inspect(n.X, f)
	case *Cast:
		inspect(n.X, f)
	case *Member:
		inspect(n.X, f)
		inspect(n.Name, f)
	case *Invoke:
		inspect(n.Fn, f)
		all(n.Args)
	case *Index:
		inspect(n.X, f)
		inspect(n.Idx, f)
	case *Concat:
		all(n.Parts)
	}
}
