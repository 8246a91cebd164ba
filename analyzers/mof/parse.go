package mof

import (
	"fmt"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/value"
)

// maxDepth bounds how deep values (arrays, embedded instances) nest.
const maxDepth = 64

// Instance is one `instance of Class as $alias { Property = value; ... };`.
type Instance struct {
	Class                string
	ClassStart, ClassEnd int
	Alias                string
	Props                []Prop
	Start, End           int
}

// Prop is one Property = value of an instance.
type Prop struct {
	Name               string
	NameStart, NameEnd int
	Value              Value
}

// ValueKind is the kind of a property value.
type ValueKind uint8

// Value kinds.
const (
	Other ValueKind = iota // a number, an alias, an enumeration name
	Str                    // one or more adjacent string literals
	Array                  // { value, ... }
	Bool                   // True, False
	Null
	Embedded // instance of ... { ... }
)

// Value is a property value.
type Value struct {
	Kind       ValueKind
	Strs       []Token // the literals of a Str, concatenated in order
	Elems      []Value // an Array's elements
	Bool       bool
	Inst       *Instance
	Start, End int
	// More is the offset of an Array's first element past assign.MaxAccounts, which Elems does not
	// hold; 0 when Elems holds them all (an element never starts the file).
	More int
}

// Text returns a Str's characters, its literals joined, mapped to the source.
func (v Value) Text() value.Text {
	if len(v.Strs) == 1 {
		return v.Strs[0].Value
	}
	var b value.Builder
	for _, s := range v.Strs {
		b.Append(s.Value)
	}
	return b.Done(v.End)
}

type parser struct {
	lex      *lexer
	tok      Token // the next token
	read     int   // how many tokens were consumed
	resumed  bool  // reading resumed at the next declaration: the statement is over
	depth    int
	problems []Problem
	out      []*Instance
	tooDeep  bool // a value too deep to read runs to the end of the file: what is left open is no news
	// deepReported is set once a value too deep to read is reported.
	deepReported bool
}

// Parse reads the instance declarations of MOF source, lexing it as it goes, and returns them with
// the problems met; embedded instances are listed after the instance holding them. Pragmas,
// qualifiers and class and qualifier declarations are skipped. A statement privlint cannot read is
// a problem, and reading resumes after its `;`. An array keeps its first assign.MaxAccounts
// elements (see Value.More): the tokens of the others are read, and left behind.
func Parse(src []byte) ([]*Instance, []Problem) {
	p := &parser{}
	p.lex = &lexer{src: src, problems: &p.problems}
	p.tok = p.lex.next()
	for p.peek().Kind != EOF {
		before := p.read
		p.statement()
		if p.read == before {
			p.advance()
		}
	}
	return p.out, p.problems
}

func (p *parser) problemf(off int, format string, args ...any) {
	if p.tooDeep {
		return
	}
	p.problems = append(p.problems, Problem{Offset: off, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) peek() Token { return p.tok }

func (p *parser) advance() Token {
	t := p.tok
	if t.Kind != EOF {
		p.tok = p.lex.next()
		p.read++
	}
	return t
}

func (p *parser) isOp(text string) bool {
	t := p.peek()
	return t.Kind == Op && t.Text == text
}

func (p *parser) isWord(word string) bool {
	t := p.peek()
	return t.Kind == Ident && strings.EqualFold(t.Text, word)
}

func describe(t Token) string {
	switch t.Kind {
	case Ident, Op, Alias, Pragma:
		return fmt.Sprintf("%s `%s`", t.Kind, t.Text)
	}
	return t.Kind.String()
}

// expect consumes the punctuation text or records that it is missing. At the end of the file the
// unclosed instance is the problem.
func (p *parser) expect(text, where string) bool {
	if p.isOp(text) {
		p.advance()
		return true
	}
	if p.peek().Kind == EOF {
		return false
	}
	p.problemf(p.peek().Start, "expected `%s` %s, found %s", text, where, describe(p.peek()))
	return false
}

// statement reads one top-level statement.
func (p *parser) statement() {
	p.resumed = false
	switch t := p.peek(); {
	case t.Kind == Pragma:
		p.advance()
		if p.peek().Kind == Ident {
			p.advance()
		}
		if p.isOp("(") {
			p.skipBalanced(t.Start)
		}
	case p.isOp("["):
		p.skipBalanced(t.Start) // qualifiers of the declaration that follows
	case p.isWord("instance"):
		inst := p.instance()
		switch {
		case p.resumed:
		case inst == nil:
			p.recover(t.Start)
		case p.isOp(";"):
			p.advance()
		default:
			p.problemf(p.peek().Start, "expected `;` after the instance, found %s", describe(p.peek()))
		}
	case p.isWord("class") || p.isWord("qualifier") || p.isWord("association") || p.isWord("indication"):
		p.recover(t.Start)
	case p.isOp(";"):
		p.advance()
	default:
		p.problemf(t.Start, "expected `instance of`, found %s", describe(t))
		p.recover(t.Start)
	}
}

// recover skips the rest of the statement begun at start: to just after the next `;` outside
// brackets, or to a `}` that closes a bracket opened before, never past the next declaration (see
// crossed).
func (p *parser) recover(start int) {
	depth := 0
	for !p.crossed(start) && p.peek().Kind != EOF {
		t := p.peek()
		if depth == 0 && t.Kind == Op && t.Text == "}" {
			return
		}
		p.advance()
		switch {
		case t.Kind == Op && (t.Text == "{" || t.Text == "(" || t.Text == "["):
			depth++
		case t.Kind == Op && (t.Text == "}" || t.Text == ")" || t.Text == "]"):
			depth--
		case t.Kind == Op && t.Text == ";" && depth <= 0:
			return
		}
	}
}

// skipBalanced skips an opening bracket and everything up to its closing one, never past the next
// declaration after the statement begun at start (see crossed).
func (p *parser) skipBalanced(start int) {
	depth := 0
	for !p.crossed(start) && p.peek().Kind != EOF {
		t := p.advance()
		switch {
		case t.Kind == Op && (t.Text == "{" || t.Text == "(" || t.Text == "["):
			depth++
		case t.Kind == Op && (t.Text == "}" || t.Text == ")" || t.Text == "]"):
			depth--
			if depth <= 0 {
				return
			}
		}
	}
}

// crossed reports whether the statement begun at start, which could not be read, reaches into the
// next declaration written at the start of a line (see lexer.nextDecl): its next token does, or
// reading already resumed there. Reading then resumes at that declaration, so that one bad
// construct (a quote or a bracket never closed) never hides the rest of the file.
func (p *parser) crossed(start int) bool {
	if p.resumed {
		return true
	}
	at := p.lex.nextDecl(start)
	if p.tok.End <= at {
		return false
	}
	p.resync(start, at)
	return true
}

// resync resumes reading at the declaration at offset at, dropping what was read from there on in
// whatever state the statement begun at start left: its problems and embedded instances. The
// statement is reported unless a problem was already recorded in it.
func (p *parser) resync(start, at int) {
	i := len(p.problems)
	for i > 0 && p.problems[i-1].Offset >= start {
		i--
	}
	kept := p.problems[:i]
	for _, pr := range p.problems[i:] {
		if pr.Offset < at {
			kept = append(kept, pr)
		}
	}
	reported := len(kept) > i
	p.problems = kept
	for len(p.out) > 0 && p.out[len(p.out)-1].Start >= at {
		p.out = p.out[:len(p.out)-1]
	}
	if !reported {
		p.problemf(start, "this declaration is not closed before the next `instance of` or `class` line; reading resumes there")
	}
	p.lex.pos = at
	p.tok = p.lex.next()
	p.read++
	p.resumed = true
}

// instance reads `instance of Class [as $alias] { properties }` from `instance`; nil when it is not
// one (a problem is recorded).
func (p *parser) instance() *Instance {
	inst := &Instance{Start: p.advance().Start}
	if !p.isWord("of") {
		p.problemf(p.peek().Start, "expected `of` after `instance`, found %s", describe(p.peek()))
		return nil
	}
	p.advance()
	class := p.peek()
	if class.Kind != Ident {
		p.problemf(class.Start, "expected a class name after `instance of`, found %s", describe(class))
		return nil
	}
	p.advance()
	inst.Class, inst.ClassStart, inst.ClassEnd = class.Text, class.Start, class.End
	if p.isWord("as") {
		p.advance()
		if p.peek().Kind == Alias {
			inst.Alias = p.advance().Text
		}
	}
	if !p.expect("{", "to open the instance's properties") {
		return nil
	}
	p.out = append(p.out, inst)
	for !p.isOp("}") {
		if p.peek().Kind == EOF {
			p.problemf(inst.Start, "instance of %s is never closed with `}`", inst.Class)
			return nil
		}
		if p.isOp("[") {
			p.skipBalanced(inst.Start)
		} else if !p.property(inst) {
			p.recover(inst.Start)
		}
		if p.resumed {
			return inst
		}
	}
	inst.End = p.advance().End
	return inst
}

// property reads one `Name = value;` of inst; false when it cannot (a problem is recorded).
func (p *parser) property(inst *Instance) bool {
	name := p.peek()
	if name.Kind != Ident {
		p.problemf(name.Start, "expected a property name, found %s", describe(name))
		return false
	}
	p.advance()
	if !p.expect("=", "after the property name") {
		return false
	}
	v, ok := p.value()
	if !ok || p.resumed || !p.expect(";", "after the property value") {
		return false
	}
	inst.Props = append(inst.Props, Prop{Name: name.Text, NameStart: name.Start, NameEnd: name.End, Value: v})
	return true
}

// value reads a property value.
func (p *parser) value() (Value, bool) {
	t := p.peek()
	v := Value{Start: t.Start, End: t.End}
	switch {
	case t.Kind == String:
		v.Kind = Str
		for p.peek().Kind == String {
			s := p.advance()
			v.Strs = append(v.Strs, s)
			v.End = s.End
		}
		return v, true
	case t.Kind == Char || t.Kind == Number || t.Kind == Alias:
		p.advance()
		return v, true
	case p.isWord("true") || p.isWord("false"):
		p.advance()
		v.Kind, v.Bool = Bool, strings.EqualFold(t.Text, "true")
		return v, true
	case p.isWord("null"):
		p.advance()
		v.Kind = Null
		return v, true
	case p.isWord("instance"):
		if p.depth >= maxDepth {
			return p.tooDeepValue(v), true
		}
		p.depth++
		defer func() { p.depth-- }()
		inst := p.instance()
		if inst == nil || p.resumed {
			return v, false
		}
		v.Kind, v.Inst, v.End = Embedded, inst, inst.End
		return v, true
	case t.Kind == Ident:
		p.advance() // an enumeration value
		return v, true
	case p.isOp("{"):
		if p.depth >= maxDepth {
			return p.tooDeepValue(v), true
		}
		p.depth++
		defer func() { p.depth-- }()
		p.advance()
		v.Kind = Array
		for !p.isOp("}") {
			e, ok := p.value()
			if !ok {
				return v, false
			}
			switch {
			case len(v.Elems) < assign.MaxAccounts:
				v.Elems = append(v.Elems, e)
			case v.More == 0:
				v.More = e.Start
			}
			if !p.isOp(",") {
				break
			}
			p.advance()
		}
		end := p.peek()
		if !p.expect("}", "to close the array") {
			return v, false
		}
		v.End = end.End
		return v, true
	}
	p.problemf(t.Start, "expected a value, found %s", describe(t))
	return v, false
}

// tooDeepValue skips the value at the parser's position, nested deeper than maxDepth, up to where
// it ends: after its closing brace, or before the `,`, `;` or closing bracket that ends it. The
// first such value is reported. The value is returned as Other, so what follows it is read.
func (p *parser) tooDeepValue(v Value) Value {
	if !p.deepReported {
		p.problemf(v.Start, "values nest more than %d levels deep here; what is nested deeper is not analyzed", maxDepth)
		p.deepReported = true
	}
	depth := 0
	for t := p.peek(); t.Kind != EOF; t = p.peek() {
		opener := t.Kind == Op && (t.Text == "{" || t.Text == "(" || t.Text == "[")
		closer := t.Kind == Op && (t.Text == "}" || t.Text == ")" || t.Text == "]")
		if depth == 0 && (closer || t.Kind == Op && (t.Text == "," || t.Text == ";")) {
			break
		}
		v.End = p.advance().End
		switch {
		case opener:
			depth++
		case closer:
			if depth--; depth == 0 {
				return Value{Kind: Other, Start: v.Start, End: v.End}
			}
		}
	}
	if p.peek().Kind == EOF {
		p.tooDeep = true
	}
	return Value{Kind: Other, Start: v.Start, End: v.End}
}
