package value

// Scopes holds what an evaluator knows of each name, in nested scopes: the file's first, then one
// per function, block, call or loop body being walked. A name is read from the innermost scope that
// holds it. Names are compared exactly: an evaluator whose language folds case normalizes them
// first (Env does).
//
// A scope is a Named; closed scopes' memory is reused by the next ones opened.
type Scopes[T any] struct {
	open  []Named[T]
	spare []Named[T]
}

// Named holds values by name, in the order first set: in a slice while it holds a few, and indexed
// by name once it holds more than indexFrom (most scopes and argument lists hold a few names, and a
// map for each cost walks more than the lookups). The zero Named is empty.
type Named[T any] struct {
	names []string
	vals  []T
	index map[string]int
}

// indexFrom is how many names a Named holds before it indexes them.
const indexFrom = 8

// NewScopes returns scopes with the file's scope open.
func NewScopes[T any]() *Scopes[T] { return &Scopes[T]{open: []Named[T]{{}}} }

// Push opens a scope.
func (s *Scopes[T]) Push() {
	var sc Named[T]
	if n := len(s.spare); n > 0 {
		sc, s.spare = s.spare[n-1], s.spare[:n-1]
	}
	s.open = append(s.open, sc)
}

// Pop closes the innermost scope and forgets what it held; the file's scope is never closed.
func (s *Scopes[T]) Pop() {
	n := len(s.open)
	if n == 1 {
		return
	}
	sc := s.open[n-1]
	sc.reset()
	s.open[n-1] = Named[T]{}
	s.open = s.open[:n-1]
	s.spare = append(s.spare, sc)
}

// Depth returns how many scopes are open, the file's included.
func (s *Scopes[T]) Depth() int { return len(s.open) }

// Get returns what the innermost scope that holds name holds, or nil. The pointer is valid until
// the next change of the scopes.
func (s *Scopes[T]) Get(name string) *T {
	for i := len(s.open) - 1; i >= 0; i-- {
		if p := s.open[i].Get(name); p != nil {
			return p
		}
	}
	return nil
}

// Define sets name in the innermost scope, hiding any outer one of that name until the scope
// closes.
func (s *Scopes[T]) Define(name string, v T) { s.open[len(s.open)-1].Set(name, v) }

// Global sets name in the file's scope.
func (s *Scopes[T]) Global(name string, v T) { s.open[0].Set(name, v) }

// Assign sets name in the innermost scope that holds it, or the innermost scope when none does.
func (s *Scopes[T]) Assign(name string, v T) {
	if p := s.Get(name); p != nil {
		*p = v
		return
	}
	s.Define(name, v)
}

// Forget removes name from every scope.
func (s *Scopes[T]) Forget(name string) {
	for i := range s.open {
		s.open[i].Remove(name)
	}
}

// Len returns how many names n holds; At returns the i-th name first set and its value.
func (n *Named[T]) Len() int { return len(n.names) }

func (n *Named[T]) At(i int) (string, *T) { return n.names[i], &n.vals[i] }

// Get returns the value of name, or nil. The pointer is valid until the next change of n.
func (n *Named[T]) Get(name string) *T {
	if j := n.find(name); j >= 0 {
		return &n.vals[j]
	}
	return nil
}

func (n *Named[T]) find(name string) int {
	if n.index != nil {
		if j, ok := n.index[name]; ok {
			return j
		}
		return -1
	}
	for j, m := range n.names {
		if m == name {
			return j
		}
	}
	return -1
}

// Set sets the value of name, keeping its place when n holds it already.
func (n *Named[T]) Set(name string, v T) {
	if j := n.find(name); j >= 0 {
		n.vals[j] = v
		return
	}
	n.names = append(n.names, name)
	n.vals = append(n.vals, v)
	switch {
	case n.index != nil:
		n.index[name] = len(n.names) - 1
	case len(n.names) > indexFrom:
		n.index = make(map[string]int, 2*len(n.names))
		for j, m := range n.names {
			n.index[m] = j
		}
	}
}

// Remove removes name, the last name taking its place.
func (n *Named[T]) Remove(name string) {
	j := n.find(name)
	if j < 0 {
		return
	}
	last := len(n.names) - 1
	n.names[j], n.vals[j] = n.names[last], n.vals[last]
	var zero T
	n.vals[last] = zero
	n.names, n.vals = n.names[:last], n.vals[:last]
	if n.index != nil {
		delete(n.index, name)
		if j < last {
			n.index[n.names[j]] = j
		}
	}
}

// reset empties n, keeping its memory and nothing of what it held.
func (n *Named[T]) reset() {
	clear(n.vals)
	n.names, n.vals = n.names[:0], n.vals[:0]
	if n.index != nil {
		clear(n.index)
	}
}
