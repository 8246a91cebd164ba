package value

// Scopes holds what an evaluator knows of each name, in nested scopes: the file's first, then one
// per function, block, call or loop body being walked. A name is read from the innermost scope that
// holds it. Names are compared exactly: an evaluator whose language folds case normalizes them
// first (Env does).
//
// A scope keeps its entries in a slice, and indexes them by name once it holds more than
// indexFrom: most scopes hold a few names, and a map per scope cost walks more than the lookups.
// Closed scopes' memory is reused by the next ones opened.
type Scopes[T any] struct {
	open  []scope[T]
	spare []scope[T]
}

type scope[T any] struct {
	names []string
	vals  []T
	index map[string]int
}

// indexFrom is how many names a scope holds before it indexes them.
const indexFrom = 8

// NewScopes returns scopes with the file's scope open.
func NewScopes[T any]() *Scopes[T] { return &Scopes[T]{open: []scope[T]{{}}} }

// Push opens a scope.
func (s *Scopes[T]) Push() {
	var sc scope[T]
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
	clear(sc.vals) // what the closed scope held is no longer kept alive
	sc.names, sc.vals = sc.names[:0], sc.vals[:0]
	if sc.index != nil {
		clear(sc.index)
	}
	s.open[n-1] = scope[T]{}
	s.open = s.open[:n-1]
	s.spare = append(s.spare, sc)
}

// Depth returns how many scopes are open, the file's included.
func (s *Scopes[T]) Depth() int { return len(s.open) }

// Get returns what the innermost scope that holds name holds, or nil. The pointer is valid until
// the next change of the scopes.
func (s *Scopes[T]) Get(name string) *T {
	for i := len(s.open) - 1; i >= 0; i-- {
		if j := s.open[i].find(name); j >= 0 {
			return &s.open[i].vals[j]
		}
	}
	return nil
}

// Define sets name in the innermost scope, hiding any outer one of that name until the scope
// closes.
func (s *Scopes[T]) Define(name string, v T) { s.open[len(s.open)-1].set(name, v) }

// Global sets name in the file's scope.
func (s *Scopes[T]) Global(name string, v T) { s.open[0].set(name, v) }

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
		s.open[i].remove(name)
	}
}

func (sc *scope[T]) find(name string) int {
	if sc.index != nil {
		if j, ok := sc.index[name]; ok {
			return j
		}
		return -1
	}
	for j, n := range sc.names {
		if n == name {
			return j
		}
	}
	return -1
}

func (sc *scope[T]) set(name string, v T) {
	if j := sc.find(name); j >= 0 {
		sc.vals[j] = v
		return
	}
	sc.names = append(sc.names, name)
	sc.vals = append(sc.vals, v)
	switch {
	case sc.index != nil:
		sc.index[name] = len(sc.names) - 1
	case len(sc.names) > indexFrom:
		sc.index = make(map[string]int, 2*len(sc.names))
		for j, n := range sc.names {
			sc.index[n] = j
		}
	}
}

// remove removes name from the scope, the last entry taking its place.
func (sc *scope[T]) remove(name string) {
	j := sc.find(name)
	if j < 0 {
		return
	}
	last := len(sc.names) - 1
	sc.names[j], sc.vals[j] = sc.names[last], sc.vals[last]
	var zero T
	sc.vals[last] = zero
	sc.names, sc.vals = sc.names[:last], sc.vals[:last]
	if sc.index != nil {
		delete(sc.index, name)
		if j < last {
			sc.index[sc.names[j]] = j
		}
	}
}
