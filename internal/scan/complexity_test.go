package scan

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/internal/bench/shapes"
	"github.com/privlint/privlint/internal/checktest"
	"github.com/privlint/privlint/internal/report"
)

// shapeRow is one input family of the complexity test: a shape of internal/bench/shapes, whose
// name's extension picks the language. Rows for other shapes are one line in shapeRows.
type shapeRow struct {
	name string
	n    int // the smaller size; the test also runs 4n
	// allocPerByte bounds the bytes allocated per input byte, besides allocPerFinding per finding
	// (writing three formats) and a fixed 16 MiB; 0 means defaultAllocPerByte.
	allocPerByte uint64
}

const (
	defaultAllocPerByte = 64
	allocPerFinding     = 16 << 10 // in every format, with the checker's diagnostic and the extractor's account
	retainedPerFinding  = 1 << 10  // a finding kept until the end of the run
)

// shapeRows are the inputs whose cost once grew faster than their size: findings on one long line
// (each finding rescanned its line for its hash and UTF-16 column), files with many findings (each
// kept in full until the end of the run), values that grow a little per line (each copied whole),
// lists appended to one element at a time, hashtables looked up by a linear search, and long
// scripts held whole.
var shapeRows = []shapeRow{
	{"wide.inf", 2_000, 0},
	{"tall.inf", 2_000, 0},
	{"one-line.json", 2_000, 0},
	{"for-list.cmd", 2_000, 0},
	{"append.ps1", 2_000, 0},
	{"hashtable.ps1", 2_000, 0},
	// Chains that spend the budget on purpose: it allows 4 MiB of values plus 16 bytes per byte of
	// input, and each value byte carries its source positions.
	{"grow.ps1", 2_000, 256},
	{"grow.sh", 2_000, 256},
	{"grow.cmd", 2_000, 256},
	{"grow.pp", 2_000, 256},
	{"grow.rb", 2_000, 256},
	{"echo.sh", 20_000, 0},
	{"echo-one.sh", 20_000, 0},
}

// shapeCost is what one scan of a shape, written in every format, cost.
type shapeCost struct {
	size     int    // input bytes
	findings int    // findings in the result
	work     int64  // bytes of text examined to place and hash findings (lineWork)
	alloc    uint64 // bytes allocated
	mallocs  uint64 // allocations
	retained uint64 // live heap held by the result once the scan is done
}

// measureShape scans row's input of size n, alone in a directory, on one worker, and writes the
// result in the text, json and sarif formats.
func measureShape(tb testing.TB, row shapeRow, n int) shapeCost {
	tb.Helper()
	content := shapes.Named(row.name).Gen(n)
	path := filepath.Join(tb.TempDir(), row.name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		tb.Fatal(err)
	}
	var before, held, after runtime.MemStats
	// Two collections: sync.Pool caches (the JSON encoders' buffers) live through one.
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	work := lineWork.Load()
	res, err := Run(context.Background(), Options{Paths: []string{path}, Workers: 1})
	if err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&held)
	for _, format := range []string{"text", "json", "sarif"} {
		if err := report.Formatters[format].Format(io.Discard, res); err != nil {
			tb.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	c := shapeCost{
		size:     len(content),
		findings: len(res.Findings),
		work:     lineWork.Load() - work,
		alloc:    after.TotalAlloc - before.TotalAlloc,
		mallocs:  after.Mallocs - before.Mallocs,
	}
	if held.HeapAlloc > before.HeapAlloc {
		c.retained = held.HeapAlloc - before.HeapAlloc
	}
	runtime.KeepAlive(res)
	return c
}

// TestShapeComplexity scans every shape at n and 4n and fails when a cost grows more than 6 times:
// work proportional to findings times line length grows 16 times. It counts work and allocations,
// never time, so a loaded machine cannot fail it.
func TestShapeComplexity(t *testing.T) {
	for _, row := range shapeRows {
		t.Run(row.name, func(t *testing.T) {
			small := measureShape(t, row, row.n)
			large := measureShape(t, row, 4*row.n)
			t.Logf("n=%d: %+v", row.n, small)
			t.Logf("4n=%d: %+v", 4*row.n, large)
			for _, m := range []struct {
				what         string
				small, large uint64
			}{
				{"bytes examined for lines", uint64(small.work), uint64(large.work)},
				{"bytes allocated", small.alloc, large.alloc},
				{"allocations", small.mallocs, large.mallocs},
				{"heap held by the result", small.retained, large.retained},
			} {
				if m.large > 6*max(m.small, 1<<16) {
					t.Errorf("%s grew from %d to %d for 4 times the input", m.what, m.small, m.large)
				}
			}
			// Whatever the shape, a scan allocates a bounded multiple of its input and findings, and
			// keeps a bounded amount per finding.
			perByte := row.allocPerByte
			if perByte == 0 {
				perByte = defaultAllocPerByte
			}
			if limit := perByte*uint64(large.size) + allocPerFinding*uint64(large.findings) + 16<<20; large.alloc > limit {
				t.Errorf("%d bytes allocated for %d bytes of input and %d findings, more than %d", large.alloc, large.size, large.findings, limit)
			}
			if limit := retainedPerFinding*uint64(large.findings) + 1<<20; large.retained > limit {
				t.Errorf("the result holds %d bytes for %d findings, more than %d", large.retained, large.findings, limit)
			}
		})
	}
}

// TestHostileShapes scans every shape of internal/bench/shapes (a tenth of its default scale when
// that is large) and checks that the scan allocates within checktest.Allowance, that the literal
// grant written after the hostile part is still found, and that a grant the analysis could not
// reach (nested past a depth limit, or a value past the budget) is reported, never silent.
func TestHostileShapes(t *testing.T) {
	for _, sh := range shapes.All {
		t.Run(sh.Name, func(t *testing.T) {
			n := sh.Default
			if n > 1000 {
				n /= 10
			}
			content := sh.Gen(n)
			path := filepath.Join(t.TempDir(), sh.Name)
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
			var res *report.Result
			checktest.Bounded(t, len(content), func() {
				var err error
				if res, err = Run(context.Background(), Options{Paths: []string{path}, Workers: 1}); err != nil {
					t.Fatal(err)
				}
			})
			accounts := map[string]bool{}
			for _, f := range res.Findings {
				accounts[f.Account] = true
			}
			capped := len(res.Findings) >= privgrant.MaxFindings // the rest are counted in a notification
			if capped && len(res.Notifications) == 0 {
				t.Errorf("%d findings and no notification of the ones left out", len(res.Findings))
			}
			if bytes.Contains(content, []byte(`CONTOSO\after`)) && !accounts[`CONTOSO\after`] && !capped {
				t.Errorf("the grant after the hostile part is not found (%d findings, %d notifications)", len(res.Findings), len(res.Notifications))
			}
			if bytes.Contains(content, []byte(`CONTOSO\deep`)) && !accounts[`CONTOSO\deep`] && len(res.Notifications) == 0 {
				t.Errorf("the nested grant is neither found nor reported")
			}
		})
	}
}
