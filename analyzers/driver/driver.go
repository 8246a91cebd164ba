// Package driver runs go/analysis analyzers over files that are not Go: each file is one unit of
// work, analyzed on its own pass with its Requires graph, and units run in parallel.
package driver

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
)

// Diagnostic is a diagnostic with the analyzer that reported it.
type Diagnostic struct {
	Analyzer *analysis.Analyzer
	analysis.Diagnostic
}

// Result is what the analyzers made of one file.
type Result struct {
	Path string
	// Fset holds the file's positions: the driver's FileSet, or one made for this file alone when
	// the driver was made without one.
	Fset        *token.FileSet
	Diagnostics []Diagnostic
	// Results holds each analyzer's result; an analyzer that failed, or whose requirement failed,
	// has none.
	Results map[*analysis.Analyzer]any
	// Errors holds the failures of analyzers on this file (a returned error or a panic). The other
	// analyzers and files go on.
	Errors []error
	// Filtered is set when the Filter option kept the file from being analyzed.
	Filtered bool
}

// Driver runs a fixed set of analyzers, with everything they require, over files.
type Driver struct {
	fset       *token.FileSet       // nil: a FileSet per file
	order      []*analysis.Analyzer // every analyzer needed, requirements first
	workers    int
	read       func(string) ([]byte, error)
	beside     func(of, name string) ([]byte, error)
	filter     func(path string, content []byte) bool
	concurrent bool // emit is called from the workers without the driver's lock
	annotate   []func(a *analysis.Analyzer, path string, result any)
}

// Option configures a Driver.
type Option func(*Driver)

// Workers sets how many files are analyzed at once; the default is GOMAXPROCS.
func Workers(n int) Option {
	return func(d *Driver) {
		if n > 0 {
			d.workers = n
		}
	}
}

// ReadFile sets how the driver reads a file; the default fails, so every caller says where files
// come from.
func ReadFile(read func(string) ([]byte, error)) Option { return func(d *Driver) { d.read = read } }

// ReadBeside sets how a pass reads a file other than its own, which an extractor needs to make sense
// of it (an Ansible role's variables): pass.ReadFile(name) on the pass of the file of calls
// read(of, name). Without it such reads fail with an error that wraps errors.ErrUnsupported.
func ReadBeside(read func(of, name string) ([]byte, error)) Option {
	return func(d *Driver) { d.beside = read }
}

// Filter sets a test that a file's content must pass to be analyzed, such as a keyword prefilter:
// a file that fails it is read once and then left alone (its Result has Filtered set).
func Filter(keep func(path string, content []byte) bool) Option {
	return func(d *Driver) { d.filter = keep }
}

// Annotate sets a function called with each analyzer's result for a file, before the analyzers that
// require it run: a caller may add to the result what it knows of the file from elsewhere (the
// scan sets the arguments other files pass to a script on its source.File). Each Annotate option
// adds a function; they are called in the order given.
func Annotate(fn func(a *analysis.Analyzer, path string, result any)) Option {
	return func(d *Driver) { d.annotate = append(d.annotate, fn) }
}

// ConcurrentEmit has Run and RunChan call emit from the workers themselves, several calls at once,
// instead of one at a time under the driver's lock. An emit that does real work with a file's result
// (converting its findings) then runs in parallel and never stalls the other workers; it guards its
// own shared state.
func ConcurrentEmit() Option { return func(d *Driver) { d.concurrent = true } }

// New validates the analyzers and orders them and their requirements. Analyzers that use facts are
// refused: every file is analyzed on its own.
//
// With a nil fset every file gets a FileSet of its own (Result.Fset), which is dropped with the
// file's result: a FileSet shared by every file keeps each file's line table until the run ends.
func New(fset *token.FileSet, analyzers []*analysis.Analyzer, opts ...Option) (*Driver, error) {
	if err := analysis.Validate(analyzers); err != nil {
		return nil, err
	}
	d := &Driver{fset: fset, workers: runtime.GOMAXPROCS(0), read: func(name string) ([]byte, error) {
		return nil, fmt.Errorf("driver: no ReadFile option to read %s", name)
	}}
	for _, o := range opts {
		o(d)
	}
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		d.order = append(d.order, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	for _, a := range d.order {
		if len(a.FactTypes) > 0 {
			return nil, fmt.Errorf("driver: analyzer %s uses facts, which files that are not Go cannot carry", a.Name)
		}
	}
	return d, nil
}

// Run analyzes every path and hands each file's result to emit, one call at a time (unless
// ConcurrentEmit), in the order the files finish. Workers take the next path from a shared counter and
// call emit under a lock, so no file waits on a hand-off. Run stops early when ctx is done and then returns ctx's error.
func (d *Driver) Run(ctx context.Context, paths []string, emit func(*Result)) error {
	var i atomic.Int64
	return d.run(ctx, len(paths), func() (string, bool) {
		k := i.Add(1) - 1
		if k >= int64(len(paths)) {
			return "", false
		}
		return paths[k], true
	}, emit)
}

// RunChan is Run for paths that arrive while the analysis runs, such as those of a directory walk,
// until the channel is closed.
func (d *Driver) RunChan(ctx context.Context, paths <-chan string, emit func(*Result)) error {
	return d.run(ctx, d.workers, func() (string, bool) {
		select {
		case p, ok := <-paths:
			return p, ok
		case <-ctx.Done():
			return "", false
		}
	}, emit)
}

func (d *Driver) run(ctx context.Context, n int, next func() (string, bool), emit func(*Result)) error {
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	for range min(d.workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				p, ok := next()
				if !ok {
					return
				}
				r := d.Analyze(p)
				if d.concurrent {
					emit(r)
					continue
				}
				mu.Lock()
				emit(r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// Analyze runs the analyzers over one file.
func (d *Driver) Analyze(path string) *Result {
	fset := d.fset
	if fset == nil {
		fset = token.NewFileSet()
	}
	content, readErr := d.read(path)
	if readErr == nil && d.filter != nil && !d.filter(path, content) {
		return &Result{Path: path, Fset: fset, Filtered: true} // most files of a tree: nothing more
	}
	res := &Result{Path: path, Fset: fset, Results: make(map[*analysis.Analyzer]any, len(d.order))}
	readFile := func(name string) ([]byte, error) {
		if name == path {
			return content, readErr
		}
		if d.beside == nil {
			return nil, fmt.Errorf("%s: only the pass's own file can be read: %w", name, errors.ErrUnsupported)
		}
		return d.beside(path, name)
	}
	var failed map[*analysis.Analyzer]bool // nil until an analyzer fails
	// One pass serves every analyzer in turn: no analyzer keeps its pass after Run, and a file
	// runs every analyzer (most return at once: the file is not in their language).
	pass := &analysis.Pass{
		Fset:       fset,
		OtherFiles: []string{path},
		Pkg:        types.NewPackage(path, "privlint"),
		TypesInfo:  noTypes,
		TypesSizes: sizes,
		// The results so far, which hold those of each analyzer's requirements (d.order puts them
		// first), and which no analyzer writes.
		ResultOf:          res.Results,
		ReadFile:          readFile,
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		ExportPackageFact: func(analysis.Fact) {},
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	pass.Report = func(diag analysis.Diagnostic) {
		res.Diagnostics = append(res.Diagnostics, Diagnostic{Analyzer: pass.Analyzer, Diagnostic: diag})
	}
	for _, a := range d.order {
		if failedReq(a, failed) { // then failed is not nil
			failed[a] = true
			continue
		}
		pass.Analyzer = a
		out, err := runPass(pass)
		if err == nil && a.ResultType != nil && reflect.TypeOf(out) != a.ResultType {
			err = fmt.Errorf("analyzer %s returned a %T, want %v", a.Name, out, a.ResultType)
		}
		if err != nil {
			res.Errors = append(res.Errors, err)
			if failed == nil {
				failed = map[*analysis.Analyzer]bool{}
			}
			failed[a] = true
			continue
		}
		for _, fn := range d.annotate {
			fn(a, path, out)
		}
		res.Results[a] = out
	}
	return res
}

// The files are not Go: every pass has the same empty type information, which no analyzer writes.
var (
	noTypes = &types.Info{}
	sizes   = types.SizesFor("gc", runtime.GOARCH)
)

func failedReq(a *analysis.Analyzer, failed map[*analysis.Analyzer]bool) bool {
	for _, req := range a.Requires {
		if failed[req] {
			return true
		}
	}
	return false
}

// runPass runs one analyzer and turns a panic into an error, so one bad file never stops a scan.
func runPass(pass *analysis.Pass) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: analyzer %s panicked: %v\n%s", pass.Analyzer.Name, r, debug.Stack())
		}
	}()
	return pass.Analyzer.Run(pass)
}
