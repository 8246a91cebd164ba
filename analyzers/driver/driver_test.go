package driver_test

import (
	"context"
	"errors"
	"fmt"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
)

type lengths struct{ n int }

// base reads its file and returns its length; report reports one diagnostic per file from base's
// result; the others misbehave on purpose.
var (
	base = &analysis.Analyzer{Name: "base", Doc: "base", ResultType: reflect.TypeOf((*lengths)(nil)),
		Run: func(p *analysis.Pass) (any, error) {
			b, err := p.ReadFile(p.OtherFiles[0])
			if err != nil {
				return nil, err
			}
			if _, err := p.ReadFile("other"); err == nil {
				return nil, errors.New("read a file that is not the pass's")
			}
			tf := p.Fset.AddFile(p.OtherFiles[0], -1, len(b))
			return &lengths{tf.Base() + len(b)}, nil
		}}
	reporter = &analysis.Analyzer{Name: "reporter", Doc: "reporter", Requires: []*analysis.Analyzer{base},
		Run: func(p *analysis.Pass) (any, error) {
			n := p.ResultOf[base].(*lengths).n
			p.Report(analysis.Diagnostic{Pos: token.Pos(n), Category: "X", Message: p.OtherFiles[0]})
			return nil, nil
		}}
	panicker = &analysis.Analyzer{Name: "panicker", Doc: "panicker", Requires: []*analysis.Analyzer{base},
		Run: func(p *analysis.Pass) (any, error) { panic("boom") }}
	dependent = &analysis.Analyzer{Name: "dependent", Doc: "dependent", Requires: []*analysis.Analyzer{panicker},
		Run: func(p *analysis.Pass) (any, error) { return nil, errors.New("must not run") }}
	wrongType = &analysis.Analyzer{Name: "wrongtype", Doc: "wrongtype", ResultType: reflect.TypeOf(0),
		Run: func(p *analysis.Pass) (any, error) { return "string", nil }}
)

func readFake(name string) ([]byte, error) {
	if strings.HasPrefix(name, "missing") {
		return nil, fmt.Errorf("%s: no such file", name)
	}
	return []byte(name), nil
}

func TestRunParallel(t *testing.T) {
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{reporter}, driver.ReadFile(readFake), driver.Workers(4))
	if err != nil {
		t.Fatal(err)
	}
	var paths, got []string
	for i := range 100 {
		paths = append(paths, fmt.Sprintf("f%03d", i))
	}
	paths = append(paths, "missing")
	var failed int
	err = d.Run(context.Background(), paths, func(r *driver.Result) {
		if len(r.Errors) > 0 {
			failed++
			if r.Path != "missing" || len(r.Diagnostics) != 0 {
				t.Errorf("%s: unexpected errors %v", r.Path, r.Errors)
			}
			return
		}
		for _, d := range r.Diagnostics {
			if d.Analyzer != reporter || d.Message != r.Path {
				t.Errorf("diagnostic %+v for %s", d, r.Path)
			}
			got = append(got, d.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if len(got) != 100 || got[0] != "f000" || got[99] != "f099" || failed != 1 {
		t.Errorf("got %d diagnostics (%v...), %d failures", len(got), got[:min(3, len(got))], failed)
	}
}

func TestFailuresStayInTheirFile(t *testing.T) {
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{reporter, dependent, wrongType}, driver.ReadFile(readFake))
	if err != nil {
		t.Fatal(err)
	}
	r := d.Analyze("a.inf")
	if len(r.Diagnostics) != 1 {
		t.Errorf("reporter should still report: %v", r.Diagnostics)
	}
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	if len(r.Errors) != 2 || !strings.Contains(all, "panicked: boom") || !strings.Contains(all, "returned a string, want int") {
		t.Errorf("errors = %v", msgs)
	}
	if _, ok := r.Results[dependent]; ok {
		t.Error("an analyzer whose requirement failed ran")
	}
}

func TestNewRejects(t *testing.T) {
	invalid := &analysis.Analyzer{Name: "bad name", Doc: "x", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	if _, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{invalid}); err == nil {
		t.Error("New accepted an invalid analyzer")
	}
	facts := &analysis.Analyzer{Name: "facts", Doc: "x", FactTypes: []analysis.Fact{new(factImpl)}, Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	if _, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{facts}); err == nil || !strings.Contains(err.Error(), "facts") {
		t.Errorf("New accepted an analyzer with facts: %v", err)
	}
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{base})
	if err != nil {
		t.Fatal(err)
	}
	if r := d.Analyze("x"); len(r.Errors) != 1 {
		t.Errorf("a driver without ReadFile read a file: %v", r.Errors)
	}
}

type factImpl struct{}

func (*factImpl) AFact() {}

func TestRunCancelled(t *testing.T) {
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{base}, driver.ReadFile(readFake), driver.Workers(1))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n := 0
	err = d.Run(ctx, make([]string, 1000), func(*driver.Result) { n++ })
	if !errors.Is(err, context.Canceled) || n >= 1000 {
		t.Errorf("Run after cancel: err %v, %d files", err, n)
	}
}

func TestFilter(t *testing.T) {
	reads := 0
	read := func(name string) ([]byte, error) { reads++; return []byte(name), nil }
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{reporter}, driver.ReadFile(read),
		driver.Filter(func(path string, content []byte) bool { return strings.HasPrefix(string(content), "keep") }))
	if err != nil {
		t.Fatal(err)
	}
	if r := d.Analyze("skip.inf"); !r.Filtered || len(r.Diagnostics) != 0 || len(r.Results) != 0 {
		t.Errorf("filtered file analyzed: %+v", r)
	}
	if r := d.Analyze("keep.inf"); r.Filtered || len(r.Diagnostics) != 1 {
		t.Errorf("kept file: %+v", r)
	}
	if reads != 2 {
		t.Errorf("%d reads for 2 files, want each read once", reads)
	}
}

// TestReadBeside routes a pass's reads of other files to the ReadBeside option, naming the pass's
// file; without the option they fail with errors.ErrUnsupported.
func TestReadBeside(t *testing.T) {
	var got []string
	besider := &analysis.Analyzer{Name: "besider", Doc: "besider", ResultType: reflect.TypeOf(""),
		Run: func(p *analysis.Pass) (any, error) {
			b, err := p.ReadFile("vars/main.yml")
			if err != nil {
				return nil, err
			}
			return string(b), nil
		}}
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{besider}, driver.ReadFile(readFake),
		driver.ReadBeside(func(of, name string) ([]byte, error) {
			got = append(got, of+" "+name)
			return []byte("vars"), nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	if r := d.Analyze("tasks/main.yml"); r.Results[besider] != "vars" || strings.Join(got, ",") != "tasks/main.yml vars/main.yml" {
		t.Errorf("result %v, reads %q", r.Results[besider], got)
	}
	d, err = driver.New(token.NewFileSet(), []*analysis.Analyzer{besider}, driver.ReadFile(readFake))
	if err != nil {
		t.Fatal(err)
	}
	if r := d.Analyze("tasks/main.yml"); len(r.Errors) != 1 || !errors.Is(r.Errors[0], errors.ErrUnsupported) {
		t.Errorf("without the option: %v", r.Errors)
	}
}

// TestConcurrentEmit checks that with ConcurrentEmit two workers are inside emit at once, and that a
// driver made without a FileSet gives every file one of its own that resolves its positions.
func TestConcurrentEmit(t *testing.T) {
	d, err := driver.New(nil, []*analysis.Analyzer{reporter}, driver.ReadFile(readFake), driver.Workers(2), driver.ConcurrentEmit())
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu     sync.Mutex
		inside int
		both   = make(chan struct{})
		fsets  = map[*token.FileSet]string{}
	)
	err = d.Run(context.Background(), []string{"a.inf", "b.inf"}, func(r *driver.Result) {
		mu.Lock()
		inside++
		if inside == 2 {
			close(both)
		}
		fsets[r.Fset] = r.Path
		if len(r.Diagnostics) != 1 {
			t.Errorf("%s: diagnostics %v", r.Path, r.Diagnostics)
		} else if f := r.Fset.File(r.Diagnostics[0].Pos); f == nil || f.Name() != r.Path {
			t.Errorf("%s: its diagnostic is not in its FileSet", r.Path)
		}
		mu.Unlock()
		select {
		case <-both:
		case <-time.After(10 * time.Second):
			t.Error("emit was never called by two workers at once")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fsets) != 2 {
		t.Errorf("the two files shared a FileSet: %v", fsets)
	}
}

// TestDiagnosticsNameTheirAnalyzer: the pass every analyzer runs with in turn reports each
// diagnostic under the analyzer that reported it.
func TestDiagnosticsNameTheirAnalyzer(t *testing.T) {
	second := &analysis.Analyzer{Name: "second", Doc: "second", Requires: []*analysis.Analyzer{reporter},
		Run: func(p *analysis.Pass) (any, error) {
			p.Report(analysis.Diagnostic{Message: "second"})
			return nil, nil
		}}
	d, err := driver.New(token.NewFileSet(), []*analysis.Analyzer{second, wrongType}, driver.ReadFile(readFake))
	if err != nil {
		t.Fatal(err)
	}
	r := d.Analyze("a.inf")
	var got []string
	for _, dg := range r.Diagnostics {
		got = append(got, dg.Analyzer.Name+":"+dg.Message)
	}
	if strings.Join(got, " ") != "reporter:a.inf second:second" {
		t.Errorf("diagnostics %q", got)
	}
}
