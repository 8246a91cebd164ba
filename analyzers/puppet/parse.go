package puppet

import (
	"fmt"

	"github.com/privlint/privlint/analyzers/assign"
)

// Decl is what the extractor reads from a manifest, in source order: an Assignment or a Resource.
type Decl interface{ decl() }

// Assignment is $name = value.
type Assignment struct {
	Name  string
	Value Expr
	Param bool // a parameter default in a class or define's parameter list, which callers override
}

// Resource is a resource declaration: type { title: attr => value, ...; title2: ... }.
type Resource struct {
	Type               string
	TypeStart, TypeEnd int
	Bodies             []Body
	Arms               []assign.Arm // the branches of if/unless/case it is declared in, outermost first
}

// Body is one title and its attributes.
type Body struct {
	Title Expr
	Attrs []Attr
}

// Attr is one attribute => value of a resource body.
type Attr struct {
	Name               string
	NameStart, NameEnd int
	Value              Expr
}

// Expr is an expression, kept as its tokens.
type Expr struct {
	Toks       []Token
	Start, End int
}

func (Assignment) decl() {}
func (Resource) decl()   {}

// keywords never name a resource type.
var keywords = map[string]bool{"class": true, "define": true, "node": true, "if": true, "elsif": true,
	"else": true, "unless": true, "case": true, "default": true, "and": true, "or": true, "in": true,
	"function": true, "type": true, "plan": true, "application": true, "site": true, "consumes": true,
	"produces": true, "inherits": true, "attr": true, "private": true, "true": true, "false": true,
	"undef": true, "import": true}

// continuations are the tokens that continue an expression after an operand.
var continuations = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true, "?": true,
	"[": true, ".": true, "==": true, "!=": true, "=~": true, "!~": true, "<": true, ">": true, "<=": true,
	">=": true, "<<": true, ">>": true, "(": true, "and": true, "or": true, "in": true}

type parser struct {
	toks     []Token
	problems []Problem
	// closes holds, for each opening bracket, the index of the closing bracket that balances it
	// (any closing bracket, as until counts them), or -1 when none does.
	closes []int32
}

// matchBrackets returns the closes table of toks.
func matchBrackets(toks []Token) []int32 {
	closes := make([]int32, len(toks))
	var open []int32
	for i, t := range toks {
		closes[i] = -1
		switch {
		case t.Kind != Op:
		case t.Text == "{" || t.Text == "[" || t.Text == "(":
			open = append(open, int32(i))
		case (t.Text == "}" || t.Text == "]" || t.Text == ")") && len(open) > 0:
			closes[open[len(open)-1]] = int32(i)
			open = open[:len(open)-1]
		}
	}
	return closes
}

// Parse finds the assignments and resource declarations of a manifest's tokens (ending with EOF)
// and checks that its brackets balance. It does not build a full syntax tree: a resource is a
// word followed by a brace and `title:`, wherever it is written.
func Parse(toks []Token) ([]Decl, []Problem) {
	if len(toks) == 0 || toks[len(toks)-1].Kind != EOF {
		toks = append(toks, Token{Kind: EOF})
	}
	p := &parser{toks: toks, closes: matchBrackets(toks)}
	var out []Decl
	var stack []Token
	var br branches
	balanced := true
	parens := 0 // open parentheses: an assignment inside one is a parameter default
	inside := 0 // tokens before this index belong to a resource already read
	for i := 0; i < len(toks)-1; i++ {
		t := toks[i]
		switch {
		case t.Kind == Op && (t.Text == "{" || t.Text == "[" || t.Text == "("):
			if t.Text == "{" {
				br.open(len(stack), i > 0 && p.isOp(i-1, ":"))
			}
			stack = append(stack, t)
			if t.Text == "(" {
				parens++
			}
		case t.Kind == Op && (t.Text == "}" || t.Text == "]" || t.Text == ")"):
			if len(stack) == 0 || closer(stack[len(stack)-1].Text) != t.Text {
				if balanced {
					p.problemf(t.Start, "unexpected `%s`: nothing here opened it", t.Text)
				}
				balanced = false
				continue
			}
			if t.Text == ")" {
				parens--
			}
			stack = stack[:len(stack)-1]
			if t.Text == "}" {
				br.close(len(stack), i)
			}
		case t.Kind == Name && (t.Text == "if" || t.Text == "unless" || t.Text == "case") && !p.isOp(i+1, "=>"):
			br.keyword(t.Text, t.Start, len(stack))
		case t.Kind == Name && (t.Text == "elsif" || t.Text == "else") && !p.isOp(i+1, "=>"):
			br.another(len(stack), i)
		case t.Kind == Var && p.isOp(i+1, "="):
			out = append(out, Assignment{Name: t.Text, Value: p.operand(i + 2), Param: parens > 0})
		case i >= inside && t.Kind == Name && !keywords[t.Text] && p.isOp(i+1, "{") && (i == 0 || !p.isOp(i-1, ".")):
			if r, end, ok := p.resource(i); ok {
				r.Arms = br.path()
				out = append(out, r)
				inside = end
			}
		}
	}
	if len(stack) > 0 && balanced {
		open := stack[len(stack)-1]
		p.problemf(open.Start, "`%s` is never closed with `%s`", open.Text, closer(open.Text))
	}
	return out, p.problems
}

// branches follows the conditionals around a token during Parse: if/elsif/else and unless/else
// chains, and the arms of case statements. An arm is the brace block of one branch.
type branches struct {
	frames  []armFrame // the arms and case bodies the current token is in, outermost first
	pending *armFrame  // the next brace at this frame's depth opens it
	closed  armFrame   // the arm closed last, and the token that closed it, for elsif and else
	closeAt int
}

type armFrame struct {
	depth int // brackets open outside its brace
	arm   assign.Arm
	body  bool // a case statement's body, whose brace blocks after a colon are its arms
}

// keyword starts a conditional: the next brace opens the first arm (if, unless) or the body of the
// arms (case).
func (b *branches) keyword(kw string, at, depth int) {
	b.pending = &armFrame{depth: depth, arm: assign.Arm{Chain: at}, body: kw == "case"}
}

// another continues the chain of the arm just closed (elsif, else): the next brace opens its next
// arm. An else that does not follow an arm's closing brace is left alone.
func (b *branches) another(depth, i int) {
	if b.closeAt == i-1 && b.closed.depth == depth {
		b.pending = &armFrame{depth: depth, arm: assign.Arm{Chain: b.closed.arm.Chain, Index: b.closed.arm.Index + 1}}
	}
}

// open records a brace opened with depth brackets open outside it; afterColon is set when a colon
// precedes it (a case arm).
func (b *branches) open(depth int, afterColon bool) {
	switch {
	case b.pending != nil && b.pending.depth == depth:
		b.frames = append(b.frames, *b.pending)
		b.pending = nil
	case afterColon && len(b.frames) > 0 && b.frames[len(b.frames)-1].body && b.frames[len(b.frames)-1].depth+1 == depth:
		body := &b.frames[len(b.frames)-1]
		arm := body.arm
		body.arm.Index++
		b.frames = append(b.frames, armFrame{depth: depth, arm: arm})
	}
}

// close records a brace closed at token i, leaving depth brackets open.
func (b *branches) close(depth, i int) {
	if n := len(b.frames); n > 0 && b.frames[n-1].depth == depth {
		b.closed, b.closeAt = b.frames[n-1], i
		b.frames = b.frames[:n-1]
	}
}

// path returns the arms the current token is in, outermost first.
func (b *branches) path() []assign.Arm {
	var arms []assign.Arm
	for _, f := range b.frames {
		if !f.body {
			arms = append(arms, f.arm)
		}
	}
	return arms
}

func (p *parser) problemf(off int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func closer(open string) string {
	switch open {
	case "{":
		return "}"
	case "[":
		return "]"
	}
	return ")"
}

func (p *parser) isOp(i int, text string) bool {
	t := p.toks[min(i, len(p.toks)-1)]
	return t.Kind == Op && t.Text == text
}

// operand returns the value assigned at i: one literal string, or a list of them, when nothing
// continues the expression; otherwise the expression's first token, which the extractor reads as
// unknown.
func (p *parser) operand(i int) Expr {
	end := i + 1
	if p.isOp(i, "[") {
		for end < len(p.toks)-1 && (p.toks[end].Kind == String || p.isOp(end, ",")) {
			end++
		}
		if !p.isOp(end, "]") {
			return p.expr(i, i+1)
		}
		end++
	}
	next := p.toks[min(end, len(p.toks)-1)]
	if next.Kind == Op && continuations[next.Text] || next.Kind == Name && continuations[next.Text] {
		return p.expr(i, end+1)
	}
	return p.expr(i, end)
}

func (p *parser) expr(i, j int) Expr {
	j = min(j, len(p.toks)-1)
	if i >= j {
		return Expr{Start: p.toks[i].Start, End: p.toks[i].Start}
	}
	return Expr{Toks: p.toks[i:j], Start: p.toks[i].Start, End: p.toks[j-1].End}
}

// resource reads the declaration whose type word is at i, or reports that there is none there. end
// is the index of its closing brace, or where reading stopped.
func (p *parser) resource(i int) (r Resource, end int, ok bool) {
	r = Resource{Type: p.toks[i].Text, TypeStart: p.toks[i].Start, TypeEnd: p.toks[i].End}
	j := i + 2
	for {
		colon := p.until(j, ":")
		if !p.isOp(colon, ":") {
			return r, colon, len(r.Bodies) > 0
		}
		body := Body{Title: p.expr(j, colon)}
		j = colon + 1
		for more := true; more; {
			t := p.toks[j]
			switch {
			case p.isOp(j, "}"):
				r.Bodies = append(r.Bodies, body)
				return r, j, true
			case p.isOp(j, ";"):
				r.Bodies = append(r.Bodies, body)
				j++
				if p.isOp(j, "}") {
					return r, j, true
				}
				more = false
			case (t.Kind == Name || t.Kind == Type || p.isOp(j, "*")) && (p.isOp(j+1, "=>") || p.isOp(j+1, "+>")):
				end := p.until(j+2, ",")
				body.Attrs = append(body.Attrs, Attr{Name: t.Text, NameStart: t.Start, NameEnd: t.End, Value: p.expr(j+2, end)})
				j = end
				if p.isOp(j, ",") {
					j++
				}
			default:
				r.Bodies = append(r.Bodies, body)
				return r, j, true
			}
		}
	}
}

// until returns the index of the first token from i that is the operator stop, `;` or `}` outside
// brackets, or EOF. A bracketed group is stepped over at once, so that trying every `word {` of a
// deeply nested manifest as a resource stays linear.
func (p *parser) until(i int, stop string) int {
	for ; i < len(p.toks)-1; i++ {
		t := p.toks[i]
		if t.Kind != Op {
			continue
		}
		switch {
		case t.Text == stop || t.Text == ";" || t.Text == "}":
			return i
		case stop == ":" && t.Text == "{":
			return i // a title holds no block: this is not a resource body
		case t.Text == "{" || t.Text == "[" || t.Text == "(":
			if p.closes[i] < 0 {
				return len(p.toks) - 1 // never closed: nothing after it is outside brackets
			}
			i = int(p.closes[i])
		case t.Text == "]" || t.Text == ")":
			return i
		}
	}
	return i
}
