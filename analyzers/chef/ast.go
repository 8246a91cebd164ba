package chef

// Node is a piece of a Ruby syntax tree. The tree keeps what the extractor reads (literals,
// method calls with their arguments and blocks, assignments) and folds everything else into
// Compound nodes whose children are still walked.
type Node interface {
	Span() (start, end int)
}

// Lit is a literal: a string, symbol, word list, regular expression, number or label.
type Lit struct{ Tok Token }

// Array is an array literal [a, b].
type Array struct {
	Elems []Node
	// More is the offset of the first element past assign.MaxAccounts, which Elems does not hold
	// (the parser reports it); 0 when Elems holds them all.
	More       int
	Start, End int
}

// Pair is key => value or key: value in a hash or an argument list.
type Pair struct{ Key, Value Node }

// Call is a method call, or a bare identifier that may be a local variable (Bare).
type Call struct {
	Recv               Node // nil when the call has no receiver
	Name               string
	NameStart, NameEnd int
	Args               []Node
	Paren              bool // the arguments are in parentheses
	Block              *Block
	Bare               bool // no receiver, arguments, parentheses or block
	Start, End         int
}

// VarRef is an instance, class or global variable.
type VarRef struct {
	Name       string
	Start, End int
}

// Assign is target = value, or an operator assignment (Op "+=", "||=", ...).
type Assign struct {
	Target, Value Node
	Op            string
	Start, End    int
}

// Block is a do ... end or { ... } block.
type Block struct {
	Params     []string
	Body       []Node
	Start, End int
}

// Compound is any other construct: keyword statements, operators, indexing, hashes.
type Compound struct {
	Kind       string // "if", "binary", "index", "hash", ...
	Children   []Node
	Start, End int
}

// Span returns the literal's offsets.
func (n *Lit) Span() (int, int) { return n.Tok.Start, n.Tok.End }

// Span returns the array's offsets, brackets included.
func (n *Array) Span() (int, int) { return n.Start, n.End }

// Span returns the pair's offsets.
func (n *Pair) Span() (int, int) {
	s, e := n.Value.Span()
	if n.Key != nil {
		s, _ = n.Key.Span()
	}
	return s, e
}

// Span returns the call's offsets, receiver and block included.
func (n *Call) Span() (int, int) { return n.Start, n.End }

// Span returns the variable's offsets.
func (n *VarRef) Span() (int, int) { return n.Start, n.End }

// Span returns the assignment's offsets.
func (n *Assign) Span() (int, int) { return n.Start, n.End }

// Span returns the block's offsets.
func (n *Block) Span() (int, int) { return n.Start, n.End }

// Span returns the construct's offsets.
func (n *Compound) Span() (int, int) { return n.Start, n.End }
