// Package discover finds the files a scan reads: it walks directories without following symbolic
// links, skips version-control folders and anything that is not a regular file, and reports what it
// skips.
package discover

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/privlint/privlint/analyzers/source"
)

// DefaultMaxSize is the size above which a file is skipped (and reported).
const DefaultMaxSize = 8 << 20

// vcsDirs are version-control folders, never scanned.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, ".bzr": true, "_darcs": true, ".jj": true, ".fossil": true}

// Skipped is a file the scan did not read, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Files returns the files to scan under paths and the files it skipped, sorted. See Walk.
func Files(paths []string) (files []string, skipped []Skipped, err error) {
	var mu sync.Mutex
	err = Walk(context.Background(), paths, 0, func(p string) {
		mu.Lock()
		files = append(files, p)
		mu.Unlock()
	}, func(s Skipped) {
		mu.Lock()
		skipped = append(skipped, s)
		mu.Unlock()
	})
	slices.Sort(files)
	slices.SortFunc(skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	return files, skipped, err
}

// Walk finds the files to scan under paths and calls found for each, and skipped for each file it
// leaves out with a reason, from several goroutines at once (workers directories are read in
// parallel; 0 means 8). A path that names a file is scanned whatever its extension; files found in
// directories are scanned when their name implies a supported language or their content may
// (secpol.cfg, *.txt exports). Symbolic links are never followed, version-control folders never
// entered, and nothing but regular files reported. The walk stats no file: directory entries say
// what is a regular file, and Reader.ReadFile checks the file again, and its size. An error is
// returned, before anything is found, only for a path that does not exist or cannot be read at all.
func Walk(ctx context.Context, paths []string, workers int, found func(string), skipped func(Skipped)) error {
	if workers <= 0 {
		workers = 8 // directory reads wait on the disk more than on the CPU
	}
	var dirs []string
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			skipped(Skipped{root, "symbolic link; not followed"})
		case info.Mode().IsRegular():
			found(root)
		case !info.IsDir():
			skipped(Skipped{root, "not a regular file; not scanned"})
		default:
			dirs = append(dirs, root)
		}
	}
	// A fixed set of workers takes directories from one queue: a tree of any size costs workers
	// goroutines and the queue's paths, not a goroutine per directory.
	q := &dirQueue{dirs: dirs}
	q.cond = sync.NewCond(&q.mu)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				dir, ok := q.take(ctx)
				if !ok {
					return
				}
				// The listing is taken a batch at a time, and its subdirectories queued with each
				// batch: a directory of any width costs one batch of entries, not its whole listing.
				var subdirs []string
				err := readDir(dir, func(name string, mode fs.FileMode) {
					p := filepath.Join(dir, name)
					switch {
					case mode.IsDir():
						if !vcsDirs[name] {
							subdirs = append(subdirs, p)
						}
					case !mode.IsRegular():
						// symbolic links, FIFOs, sockets, devices: never read
					case Reads(p):
						found(p)
					}
				}, func() {
					q.push(subdirs)
					subdirs = subdirs[:0]
				})
				if err != nil {
					skipped(Skipped{dir, fmt.Sprintf("cannot be read: %v", unwrap(err))})
				}
				q.done(subdirs)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// dirQueue is the directories a walk has yet to read, and how many are being read.
type dirQueue struct {
	mu   sync.Mutex
	cond *sync.Cond
	dirs []string
	busy int
}

// take returns the next directory to read, waiting while others are read that may add some; false
// when none is left, or ctx is done.
func (q *dirQueue) take(ctx context.Context) (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.dirs) == 0 && q.busy > 0 && ctx.Err() == nil {
		q.cond.Wait()
	}
	if len(q.dirs) == 0 || ctx.Err() != nil {
		q.cond.Broadcast()
		return "", false
	}
	d := q.dirs[len(q.dirs)-1] // depth first: the queue holds a path's siblings, not a level
	q.dirs = q.dirs[:len(q.dirs)-1]
	q.busy++
	return d, true
}

// push queues subdirectories of a directory still being read.
func (q *dirQueue) push(subdirs []string) {
	if len(subdirs) == 0 {
		return
	}
	q.mu.Lock()
	q.dirs = append(q.dirs, subdirs...)
	q.cond.Broadcast()
	q.mu.Unlock()
}

// done records that a directory was read, and queues its last subdirectories.
func (q *dirQueue) done(subdirs []string) {
	q.mu.Lock()
	q.dirs = append(q.dirs, subdirs...)
	q.busy--
	q.cond.Broadcast()
	q.mu.Unlock()
}

// Reads reports whether a walk reads a file of this name: its name implies a language, or its content
// may (source.MaySniff: a secedit export saved as .txt, a script with a shebang and no extension).
func Reads(name string) bool {
	return source.LangOf(name) != source.LangNone || source.MaySniff(name)
}

// dirBatch is how many entries the os package lists at a time.
const dirBatch = 256

// osReadDir lists a directory with the os package, a batch at a time, as readDir does.
func osReadDir(dir string, each func(name string, mode fs.FileMode), batch func()) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		entries, err := f.ReadDir(dirBatch)
		for _, e := range entries {
			each(e.Name(), e.Type())
		}
		batch()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
