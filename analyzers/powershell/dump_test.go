package powershell

import (
	"fmt"
	"strconv"
	"strings"
)

// dump renders a syntax tree as an S-expression, for the parser's table tests.
func dump(n Node) string {
	var b strings.Builder
	dumpTo(&b, n)
	return b.String()
}

func dumpAll(b *strings.Builder, sep string, nodes []Node) {
	for i, n := range nodes {
		if i > 0 {
			b.WriteString(sep)
		}
		dumpTo(b, n)
	}
}

func dumpBlock(b *strings.Builder, blk *Block) {
	if blk == nil {
		b.WriteString("nil")
		return
	}
	b.WriteString("{")
	for i, p := range blk.Params {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString("param $" + p.Name)
		if p.Default != nil {
			b.WriteString("=")
			dumpTo(b, p.Default)
		}
		b.WriteString(";")
	}
	dumpAll(b, "; ", blk.Stmts)
	b.WriteString("}")
}

func dumpTo(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case nil:
		b.WriteString("nil")
	case *Block:
		dumpBlock(b, n)
	case *Pipeline:
		dumpAll(b, " | ", n.Elems)
	case *Assign:
		fmt.Fprintf(b, "(%s ", n.Op)
		dumpTo(b, n.Target)
		b.WriteString(" ")
		dumpTo(b, n.Value)
		b.WriteString(")")
	case *Command:
		b.WriteString("(cmd")
		if n.Call != "" {
			b.WriteString(" " + n.Call)
		}
		b.WriteString(" ")
		dumpTo(b, n.Name)
		for _, e := range n.Elems {
			b.WriteString(" ")
			dumpTo(b, e)
		}
		b.WriteString(")")
	case *CmdParam:
		b.WriteString("-" + n.Name)
		if n.Colon {
			b.WriteString(":")
			dumpTo(b, n.Arg)
		}
	case *FuncDef:
		fmt.Fprintf(b, "(function %s ", n.Name)
		for _, p := range n.Params {
			b.WriteString("$" + p.Name + " ")
		}
		dumpBlock(b, n.Body)
		b.WriteString(")")
	case *If:
		b.WriteString("(if")
		for i := range n.Conds {
			b.WriteString(" ")
			dumpTo(b, n.Conds[i])
			b.WriteString(" ")
			dumpBlock(b, n.Bodies[i])
		}
		if n.Else != nil {
			b.WriteString(" else ")
			dumpBlock(b, n.Else)
		}
		b.WriteString(")")
	case *Loop:
		fmt.Fprintf(b, "(%s ", n.Keyword)
		dumpAll(b, "; ", n.Header)
		b.WriteString(" ")
		dumpBlock(b, n.Body)
		b.WriteString(")")
	case *Foreach:
		b.WriteString("(foreach ")
		if n.Var != nil {
			dumpTo(b, n.Var)
		}
		b.WriteString(" in ")
		dumpTo(b, n.Iter)
		b.WriteString(" ")
		dumpBlock(b, n.Body)
		b.WriteString(")")
	case *Switch:
		b.WriteString("(switch ")
		dumpTo(b, n.Subject)
		for i := range n.Patterns {
			b.WriteString(" ")
			dumpTo(b, n.Patterns[i])
			b.WriteString(" ")
			dumpBlock(b, n.Bodies[i])
		}
		b.WriteString(")")
	case *Try:
		b.WriteString("(blocks")
		for _, blk := range n.Blocks {
			b.WriteString(" ")
			dumpBlock(b, blk)
		}
		b.WriteString(")")
	case *Flow:
		b.WriteString("(" + n.Keyword)
		if n.Value != nil {
			b.WriteString(" ")
			dumpTo(b, n.Value)
		}
		b.WriteString(")")
	case *ClassDef:
		fmt.Fprintf(b, "(class %s", n.Name)
		for _, m := range n.Methods {
			b.WriteString(" ")
			dumpBlock(b, m)
		}
		b.WriteString(")")
	case *Bad:
		b.WriteString("bad")
	case *StringLit:
		switch n.Tok.Kind {
		case Word:
			b.WriteString(n.Tok.Value)
		case StringSQ:
			b.WriteString("sq" + strconv.Quote(n.Tok.Value))
		case StringDQ:
			b.WriteString("dq" + strconv.Quote(n.Tok.Value))
		case HereSQ:
			b.WriteString("hsq" + strconv.Quote(n.Tok.Value))
		case HereDQ:
			b.WriteString("hdq" + strconv.Quote(n.Tok.Value))
		default:
			b.WriteString(n.Tok.Kind.String() + strconv.Quote(n.Tok.Value))
		}
		for _, p := range n.Tok.Parts {
			switch p.Kind {
			case PartVar:
				b.WriteString("[$" + p.Value + "]")
			case PartSub:
				b.WriteString("[$()]")
			}
		}
	case *NumberLit:
		b.WriteString(n.Text)
	case *VarRef:
		if n.Splat {
			b.WriteString("@" + n.Name)
		} else {
			b.WriteString("$" + n.Name)
		}
	case *ArrayLit:
		b.WriteString("(array ")
		dumpAll(b, " ", n.Elems)
		b.WriteString(")")
	case *SubExpr:
		b.WriteString(map[Kind]string{LParen: "(paren ", DollarParen: "(sub ", AtParen: "(arr "}[n.Kind])
		dumpBlock(b, n.Body)
		b.WriteString(")")
	case *Hashtable:
		if n.Keyword {
			b.WriteString("(dsc")
		} else {
			b.WriteString("(hash")
		}
		for i := range n.Keys {
			b.WriteString(" ")
			dumpTo(b, n.Keys[i])
			b.WriteString("=")
			dumpTo(b, n.Values[i])
		}
		b.WriteString(")")
	case *ScriptBlock:
		b.WriteString("(sb ")
		dumpBlock(b, n.Body)
		b.WriteString(")")
	case *Binary:
		fmt.Fprintf(b, "(%s ", n.Op)
		dumpTo(b, n.X)
		b.WriteString(" ")
		dumpTo(b, n.Y)
		b.WriteString(")")
	case *Unary:
		fmt.Fprintf(b, "(%s ", n.Op)
		dumpTo(b, n.X)
		b.WriteString(")")
	case *TypeLit:
		b.WriteString("[" + n.Name + "]")
	case *Cast:
		b.WriteString("([" + n.Type + "] ")
		dumpTo(b, n.X)
		b.WriteString(")")
	case *Member:
		op := "."
		if n.Static {
			op = "::"
		}
		fmt.Fprintf(b, "(%s ", op)
		dumpTo(b, n.X)
		b.WriteString(" ")
		dumpTo(b, n.Name)
		b.WriteString(")")
	case *Invoke:
		b.WriteString("(call ")
		dumpTo(b, n.Fn)
		for _, a := range n.Args {
			b.WriteString(" ")
			dumpTo(b, a)
		}
		b.WriteString(")")
	case *Index:
		b.WriteString("(index ")
		dumpTo(b, n.X)
		b.WriteString(" ")
		dumpTo(b, n.Idx)
		b.WriteString(")")
	case *Concat:
		b.WriteString("(concat ")
		dumpAll(b, " ", n.Parts)
		b.WriteString(")")
	default:
		fmt.Fprintf(b, "?%T", n)
	}
}
