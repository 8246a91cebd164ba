package chef

import vtext "github.com/privlint/privlint/analyzers/value"

// Kind is the kind of a Ruby token.
type Kind uint8

// Token kinds.
const (
	EOF     Kind = iota
	Newline      // a line end or `;` that ends a statement
	Ident        // identifiers and keywords
	Const        // capitalized identifiers
	Var          // @ivar, @@cvar, $gvar
	Label        // `name:` in an argument list or a hash
	Symbol       // :name, :"name", %s()
	String       // '...', "...", `...`, %q(), %Q(), ?c, heredocs
	Words        // %w[], %W[], %i[], %I[]
	Regexp       // /.../, %r{}
	Number
	Op // punctuation and operators
)

var kindNames = [...]string{"end of file", "line end", "identifier", "constant", "variable", "label",
	"symbol", "string", "word list", "regular expression", "number", "operator"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "token"
}

// Token is one Ruby token with its byte offsets in the source.
type Token struct {
	Kind       Kind
	Text       string // the name of an Ident, Const, Var, Label or Symbol; an operator; "" otherwise
	Start, End int    // the token as written; for a heredoc, its opener `<<~EOS`
	Space      bool   // a blank precedes the token
	Str        *Str   // the value of a String, Words, quoted Symbol or Regexp
}

// Str is the value of a string literal.
type Str struct {
	Parts []Part
	// Start and End span the content: between the delimiters, or a heredoc's body.
	Start, End int
	// Verbatim is set when the value is exactly the source text of the content: no escape,
	// interpolation or heredoc indentation changed it.
	Verbatim bool
	Words    []*Str // the elements of a %w[] list
	// More is the offset of the first element of a %w[] list past assign.MaxAccounts, which Words
	// does not hold (the lexer reports it); 0 when Words holds them all.
	More int
}

// Part is a run of literal characters or one interpolation of a string.
type Part struct {
	Lit        vtext.Text // the characters, each mapped to the source that wrote it
	Interp     bool       // an interpolation: #{...}, #@ivar or #$gvar
	Start, End int        // the interpolation as written, #{ and } included
	Expr       []Token    // the interpolation's tokens, without a final EOF
}

// Problem is a place where the source is not Ruby as privlint reads it.
type Problem struct {
	Offset  int
	Message string
}

// keywords that leave an operand expected after them: a `/`, `%`, `<<` or `?` after one of them
// starts a literal.
var operandKeywords = map[string]bool{
	"and": true, "or": true, "not": true, "if": true, "unless": true, "while": true, "until": true,
	"return": true, "when": true, "then": true, "else": true, "elsif": true, "case": true, "do": true,
	"begin": true, "rescue": true, "ensure": true, "yield": true, "in": true, "break": true, "next": true,
}

// valueEnd reports whether t ends an operand, so that an operator may follow it.
func valueEnd(t Token) bool {
	switch t.Kind {
	case Const, Var, Symbol, String, Words, Regexp, Number:
		return true
	case Ident:
		return !operandKeywords[t.Text]
	case Op:
		return t.Text == ")" || t.Text == "]" || t.Text == "}"
	}
	return false
}
