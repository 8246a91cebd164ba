package scan

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/internal/discover"
	"github.com/privlint/privlint/internal/report"
	"github.com/privlint/privlint/rules"
)

// session is what a scan and a fix share: the configuration, the checker, the collector, the one
// reader every file goes through, and the driver's options, so that --fix and --diff analyze a
// file exactly as a scan does (the same keyword prefilter, size limit, excludes and budgets).
type session struct {
	opts   Options
	paths  []string
	cfg    *config.Config
	c      *collector
	reader *discover.Reader
}

func newSession(opts Options) *session {
	paths := opts.Paths
	if opts.Stdin != nil {
		paths = []string{opts.Stdin.Name}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	cfg := opts.Config
	if cfg == nil {
		cfg = &config.Config{}
	}
	rights := cfg.RightSet(opts.Rights)
	checker := privgrant.New(rules.Policy{Exceptions: append(append([]string(nil), cfg.Exceptions...), opts.Exceptions...)})
	named := namedFiles(paths)
	if opts.Stdin != nil {
		named[filepath.Clean(opts.Stdin.Name)] = true
	}
	return &session{
		opts:  opts,
		paths: paths,
		cfg:   cfg,
		c: &collector{opts: opts, cfg: cfg, checker: checker, rights: rights, filter: source.PrefilterOf(rights),
			show: newDisplayer(), named: named,
			allowUsed: map[*config.Allow]bool{}, baseUsed: map[string]bool{}, read: map[string]bool{}, met: map[string]bool{}},
		reader: discover.NewReader(paths, opts.MaxSize, cfg.Excluded),
	}
}

func (s *session) close() { s.reader.Close() }

// driver returns a driver with the scan's analyzers and options (the keyword prefilter, the
// workers, the reader of files beside the analyzed one) that reads the files it analyzes with read.
// Each file gets a FileSet of its own (nil), dropped with its result, and results are handed over
// from the workers at once (ConcurrentEmit): findings are converted outside any lock but the one
// that appends them.
func (s *session) driver(read func(string) ([]byte, error), extra ...driver.Option) (*driver.Driver, error) {
	beside := s.reader.ReadBeside
	if may := s.opts.MayReadBeside; may != nil {
		beside = func(of, name string) ([]byte, error) {
			if !may(name) {
				return nil, discover.ErrOutside
			}
			return s.reader.ReadBeside(of, name)
		}
	}
	filter := func(_ string, content []byte) bool { return s.c.filter.MayGrant(content) }
	if x := s.c.calls; x != nil {
		filter = func(path string, content []byte) bool {
			if s.c.filter.MayGrant(content) {
				return true
			}
			x.candidate(path, content) // a file naming no right may still call a script that grants
			return false
		}
	}
	opts := []driver.Option{driver.ReadFile(read), driver.ReadBeside(beside), driver.Workers(s.opts.Workers),
		driver.Filter(filter), driver.ConcurrentEmit(), source.Checking(s.c.rights)}
	return driver.New(nil, []*analysis.Analyzer{s.c.checker}, append(opts, extra...)...)
}

// walkError is the error of a walk that could not start: a path that does not exist.
type walkError struct{ err error }

func (e *walkError) Error() string { return e.err.Error() }
func (e *walkError) Unwrap() error { return e.err }

// analyze walks the scan's paths and analyzes the files found as the walk goes, so that reading
// directories and files overlap. It hands each file's result to emit, from several workers at once, and
// each file the walk skipped, as a notification, to skipped (from the walk's goroutines). It
// returns how many files went to the analysis; the error is a *walkError for a path that does not
// exist, or ctx's.
func (s *session) analyze(ctx context.Context, emit func(*driver.Result), skipped func(report.Notification)) (int, error) {
	if s.opts.Stdin != nil {
		return s.analyzeStdin(ctx, emit)
	}
	d, err := s.driver(s.reader.ReadFile)
	if err != nil {
		return 0, err
	}
	return s.walk(ctx, d, emit, skipped)
}

// walk walks the scan's paths and analyzes the files found with d, as analyze does.
func (s *session) walk(ctx context.Context, d *driver.Driver, emit func(*driver.Result), skipped func(report.Notification)) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	files := make(chan string, 4096)
	var (
		walkErr error
		scanned atomic.Int64
	)
	go func() {
		defer close(files)
		walkErr = discover.Walk(ctx, s.paths, 0, func(p string) {
			if s.cfg.Excluded(p) {
				return
			}
			scanned.Add(1)
			select {
			case files <- p:
			case <-ctx.Done():
			}
		}, func(sk discover.Skipped) {
			if s.cfg.Excluded(sk.Path) {
				return
			}
			s.c.meet(s.c.show.path(sk.Path), false)
			skipped(report.Notification{Level: rules.LevelWarning, Path: s.c.show.path(sk.Path), Message: sk.Reason})
		})
		if walkErr != nil {
			cancel()
		}
	}()
	err := d.RunChan(ctx, files, emit)
	for range files { // let the walk finish
	}
	if walkErr != nil {
		return 0, &walkError{walkErr}
	}
	return int(scanned.Load()), err
}

// analyzeStdin analyzes the text of Options.Stdin as the file it names, unless the configuration
// excludes that file (an editor then shows nothing, as for a file a scan does not read).
func (s *session) analyzeStdin(ctx context.Context, emit func(*driver.Result)) (int, error) {
	name := filepath.Clean(s.opts.Stdin.Name)
	if s.cfg.Excluded(name) {
		return 0, nil
	}
	maxSize := s.opts.MaxSize
	if maxSize <= 0 {
		maxSize = discover.DefaultMaxSize
	}
	data, size := s.opts.Stdin.Data, max(s.opts.Stdin.Size, int64(len(s.opts.Stdin.Data)))
	d, err := s.driver(func(p string) ([]byte, error) {
		switch {
		case p != name:
			return s.reader.ReadFile(p)
		case size > maxSize:
			return nil, &discover.TooLargeError{Size: size, Limit: maxSize}
		}
		return data, nil
	})
	if err != nil {
		return 0, err
	}
	files := make(chan string, 1)
	files <- name
	close(files)
	return 1, d.RunChan(ctx, files, emit)
}

// namedFiles returns the paths that are regular files: files named to be scanned, which are
// analyzed whatever their name.
func namedFiles(paths []string) map[string]bool {
	named := map[string]bool{}
	for _, p := range paths {
		if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
			named[p] = true
		}
	}
	return named
}
