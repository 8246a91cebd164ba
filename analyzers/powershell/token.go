package powershell

import "fmt"

// Kind is the kind of a token.
type Kind uint8

// Token kinds. Keywords are words: the parser recognizes them by position.
const (
	EOF         Kind = iota
	Newline          // CR, LF or CRLF: a statement separator
	Semi             // ;
	Comment          // # to the end of the line, or <# ... #>
	Word             // a generic token (argument mode) or an identifier (expression mode)
	Number           // a numeric literal (expression mode)
	Param            // -Name or -Name: (argument mode)
	Operator         // + - = -eq -f .. and the other operators (expression mode)
	Variable         // $name, $scope:name, ${any name}, $$, $?, $^
	Splat            // @name
	StringSQ         // '...'
	StringDQ         // "..."
	HereSQ           // @'<newline>...<newline>'@
	HereDQ           // @"<newline>...<newline>"@
	LParen           // (
	RParen           // )
	LBrace           // {
	RBrace           // }
	LBracket         // [ (expression mode)
	RBracket         // ] (expression mode)
	AtParen          // @(
	AtBrace          // @{
	DollarParen      // $(
	Comma            // ,
	Pipe             // |
	Amp              // & (call operator, or a background job at the end of a pipeline)
	AndAnd           // &&
	OrOr             // ||
	Dot              // . (dot-sourcing in argument mode, member access in expression mode)
	ColonColon       // ::
	Redirect         // > >> 2> 2>&1 *> <
	StopParsing      // --% and the rest of the line
)

var kindNames = [...]string{
	EOF: "EOF", Newline: "Newline", Semi: "Semi", Comment: "Comment", Word: "Word", Number: "Number",
	Param: "Param", Operator: "Operator", Variable: "Variable", Splat: "Splat", StringSQ: "StringSQ",
	StringDQ: "StringDQ", HereSQ: "HereSQ", HereDQ: "HereDQ", LParen: "LParen", RParen: "RParen",
	LBrace: "LBrace", RBrace: "RBrace", LBracket: "LBracket", RBracket: "RBracket", AtParen: "AtParen",
	AtBrace: "AtBrace", DollarParen: "DollarParen", Comma: "Comma", Pipe: "Pipe", Amp: "Amp",
	AndAnd: "AndAnd", OrOr: "OrOr", Dot: "Dot", ColonColon: "ColonColon", Redirect: "Redirect",
	StopParsing: "StopParsing",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// modeSensitive reports whether a token of kind k may lex differently in the other mode, so that a
// token peeked in one mode must be lexed again when the parser asks in the other.
func (k Kind) modeSensitive() bool {
	switch k {
	case Word, Number, Param, Operator, LBracket, RBracket, Dot, ColonColon, Redirect, StopParsing:
		return true
	}
	return false
}

// PartKind is the kind of one piece of an expandable string or generic token.
type PartKind uint8

// Part kinds.
const (
	PartLit PartKind = iota // literal text, escapes decoded
	PartVar                 // $name, ${name}
	PartSub                 // $( ... )
)

// Part is one piece of an expandable string ("...", @"..."@) or of a generic token holding a variable.
type Part struct {
	Kind       PartKind
	Start, End int    // the piece in the source: for PartVar "$name", for PartSub "$(...)"
	Value      string // PartLit: the decoded text; PartVar: the variable's name
}

// Token is one lexical token. Offsets are byte offsets in the text given to the lexer.
type Token struct {
	Kind       Kind
	Start, End int
	// Value is the token's meaning: a string's or word's decoded text (for an expandable one, its
	// literal parts only), a variable's or splat's name, a parameter's name without the dash and colon,
	// an operator in lower case.
	Value string
	// Parts holds the pieces of an expandable string or word that contains variables or
	// subexpressions; nil otherwise.
	Parts []Part
	// ContentStart and ContentEnd span a string's content without its quotes (for a here-string, the
	// lines between the header and the terminator).
	ContentStart, ContentEnd int
	Colon                    bool // Param: written -Name: with the colon
	Verbatim                 bool // strings and words: Value is exactly the source text of the content
}
