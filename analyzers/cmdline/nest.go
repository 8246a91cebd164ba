package cmdline

import (
	"sync"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// MaxDepth bounds how deep command strings are followed: cmd /c powershell -c "cmd /c ..." counts
// one level per interpreter.
const MaxDepth = 8

// Extractor returns the assignments of one file of its language. Batch, shell and PowerShell
// extractors register one so that command strings handed to their interpreter are analyzed.
type Extractor func(f *source.File) []assign.Assignment

var (
	mu         sync.RWMutex
	extractors = map[source.Lang]Extractor{}
	nestings   sync.Map // *source.File -> Nesting, while the embedded file is being analyzed
)

// Register makes fn the extractor for command strings in lang. A later registration replaces an
// earlier one.
func Register(lang source.Lang, fn Extractor) {
	mu.Lock()
	defer mu.Unlock()
	extractors[lang] = fn
}

// Registered reports whether command strings in lang are analyzed.
func Registered(lang source.Lang) bool { return extractor(lang) != nil }

func extractor(lang source.Lang) Extractor {
	mu.RLock()
	defer mu.RUnlock()
	return extractors[lang]
}

// Nesting tells an extractor how the file it analyzes came to be.
type Nesting struct {
	Depth int // 0 for a file read from disk
	// CommandLine is set for batch text handed to cmd /c or /k, which cmd.exe reads as a command
	// line: %% is not collapsed and an undefined %VAR% stays as written.
	CommandLine bool
	text        Text
	budget      *Budget
}

// Budget bounds the work of analyzing one file together with the command strings nested in it, so
// that loops over nested commands and variables that double on every line stay linear in the
// file's size. Extractors spend it on each command they expand.
type Budget struct {
	left     int
	reported bool
}

// budgetPerByte and budgetBase size a file's budget: that many bytes of expanded text per byte of
// the file, plus a constant.
const (
	budgetPerByte = 16
	budgetBase    = 1 << 20
)

// Left returns what is left of the budget.
func (b *Budget) Left() int { return max(b.left, 0) }

// Spend takes n from the budget; false when it is exhausted.
func (b *Budget) Spend(n int) bool {
	if b.left < n {
		b.left = -1
		return false
	}
	b.left -= n
	return true
}

// FirstReport reports whether the budget is exhausted and nobody has reported it yet: the caller
// should record one problem.
func (b *Budget) FirstReport() bool {
	if b.left >= 0 || b.reported {
		return false
	}
	b.reported = true
	return true
}

// Track starts the analysis of f and returns the budget it and its nested command strings share.
// For a file read from disk the budget is new, and done must be called when the analysis ends;
// for an embedded file done does nothing.
func Track(f *source.File) (b *Budget, done func()) {
	if n, ok := nestings.Load(f); ok {
		if b := n.(Nesting).budget; b != nil {
			return b, func() {}
		}
	}
	b = &Budget{left: budgetBase + budgetPerByte*len(f.Text)}
	if _, ok := nestings.LoadOrStore(f, Nesting{budget: b}); ok {
		return b, func() {}
	}
	return b, func() { nestings.Delete(f) }
}

// Of returns how f came to be: the zero Nesting for a file read from disk.
func Of(f *source.File) Nesting {
	if n, ok := nestings.Load(f); ok {
		return n.(Nesting)
	}
	return Nesting{}
}

// SourceText returns f.Text as a Text mapped onto itself. For an embedded file, the bytes that the
// outer language knew only at run time (a variable it could not resolve) are marked unresolved.
func SourceText(f *source.File) Text {
	if n := Of(f); n.text.S == string(f.Text) {
		return n.text
	}
	return Source(f.Text, 0)
}

// Nest analyzes text, written in lang inside f, with the extractor registered for lang. Positions
// and problems of the embedded text land in f through text's mapping.
func Nest(f *source.File, lang source.Lang, text Text, commandLine bool) []assign.Assignment {
	fn := extractor(lang)
	if fn == nil || text.Len() == 0 {
		return nil
	}
	parent := Of(f)
	depth := parent.Depth + 1
	if depth > MaxDepth {
		f.Problemf(text.Offset(0), "command strings are nested more than %d levels deep here; the innermost %s text is not analyzed", MaxDepth, lang)
		return nil
	}
	b := parent.budget
	if b == nil {
		b = &Budget{left: budgetBase + budgetPerByte*len(f.Text)}
	}
	if !b.Spend(text.Len()) {
		if b.FirstReport() {
			f.Problemf(text.Offset(0), "analysis budget of this file spent (loops over nested commands); this and later command strings are not analyzed")
		}
		return nil
	}
	sub := f.Embed([]byte(text.S), lang, 0, text.Map())
	inner := Source([]byte(text.S), 0)
	if text.unres != nil {
		inner.unres = text.unres
	}
	nestings.Store(sub, Nesting{Depth: depth, CommandLine: commandLine, text: inner, budget: b})
	defer nestings.Delete(sub)
	return fn(sub)
}
