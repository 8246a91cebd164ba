package discover

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/confine"
)

// Errors of a Reader, besides those of package confine (a symbolic link, a file that is not
// regular) and of the system.
var (
	// ErrOutside is the error for a file outside the scanned tree.
	ErrOutside = errors.New("outside the scanned tree")
	// ErrExcluded is the error for a file the configuration's exclude patterns name.
	ErrExcluded = errors.New("excluded by the configuration")
	// ErrChanged is the error of Rewrite for a file that changed since the scan read it.
	ErrChanged = errors.New("file changed since it was read")
)

// TooLargeError is the error for a file over the size limit.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, over the %d-byte limit; not scanned", e.Size, e.Limit)
}

// Reader is the one way a scan reads files: the files the walk finds, the files extractors read
// beside them, and the files --fix rewrites. It reads only regular files (open without blocking,
// then fstat: a FIFO or a device is an error, not a hang), no larger than the size limit, that the
// configuration does not exclude, and only inside the scanned tree, never through a symbolic link
// (package confine: one openat2 that the kernel keeps below the scan root on Linux, one openat per
// component with O_NOFOLLOW elsewhere).
//
// The scanned tree is made of the scan roots, the paths named on the command line: below a
// directory root no component may be a link; a file root is read by confine.ReadFile (not a link,
// nor a directory of its path below the current directory). A Reader is safe for use by several
// goroutines.
type Reader struct {
	maxSize int64
	exclude func(string) bool
	roots   []*root         // directories named as scan roots, the longest path first
	files   map[string]bool // files named as scan roots, cleaned
}

// root is a directory named as a scan root, opened on first use and kept open for the scan.
type root struct {
	path string
	once sync.Once
	dir  *confine.Dir
	err  error
}

func (r *root) open() (*confine.Dir, error) {
	r.once.Do(func() { r.dir, r.err = confine.OpenDir(r.path) })
	return r.dir, r.err
}

// NewReader returns the reader of a scan of paths (none means "."), reading files of at most
// maxSize bytes (0: DefaultMaxSize) that exclude (nil: none) does not name.
func NewReader(paths []string, maxSize int64, exclude func(path string) bool) *Reader {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	r := &Reader{maxSize: maxSize, exclude: exclude, files: map[string]bool{}}
	for _, p := range paths {
		p = filepath.Clean(p)
		if info, err := os.Lstat(p); err == nil && info.IsDir() {
			if !slices.ContainsFunc(r.roots, func(t *root) bool { return t.path == p }) {
				r.roots = append(r.roots, &root{path: p})
			}
		} else {
			r.files[p] = true // a link or a FIFO is refused when read
		}
	}
	slices.SortFunc(r.roots, func(a, b *root) int { return len(b.path) - len(a.path) })
	return r
}

// Close closes the directories the reader opened.
func (r *Reader) Close() error {
	var errs []error
	for _, t := range r.roots {
		if t.dir != nil {
			errs = append(errs, t.dir.Close())
		}
	}
	return errors.Join(errs...)
}

// ReadFile reads a file of the scan: one the walk found, or one named on the command line.
func (r *Reader) ReadFile(path string) ([]byte, error) {
	path = filepath.Clean(path)
	if r.exclude != nil && r.exclude(path) {
		return nil, ErrExcluded
	}
	if r.files[path] {
		return r.result(confine.ReadFile(path, r.maxSize))
	}
	t, rel, ok := r.rootOf(path)
	if !ok {
		return nil, ErrOutside
	}
	d, err := t.open()
	if err != nil {
		return nil, err
	}
	return r.result(d.ReadFile(rel, r.maxSize))
}

// ReadBeside reads the file name that an extractor needs beside the file of it analyzes (an
// Ansible role's vars/main.yml, a template), with the limits of ReadFile, and only inside of's
// tree: the scan root that holds of, or for a file named on the command line its directory. When
// that lies inside an Ansible role (the path named on the command line goes through the role's
// tasks or handlers directory, as `privlint roles/web/tasks/main.yml` and pre-commit name files),
// the tree is the role's directory, so that the role's vars, defaults and templates are read. The
// role is found from the path the user named, never from the repository's content, so a tree never
// grows past what the user named but for the directory above a tasks or handlers directory in it.
func (r *Reader) ReadBeside(of, name string) ([]byte, error) {
	of, name = filepath.Clean(of), filepath.Clean(name)
	base, ok := r.treeOf(of)
	if !ok {
		return nil, ErrOutside
	}
	rel, ok := within(base, name)
	if !ok {
		return nil, ErrOutside
	}
	if r.exclude != nil && r.exclude(name) {
		return nil, ErrExcluded
	}
	d, done, err := r.openDir(base)
	if err != nil {
		return nil, err
	}
	defer done()
	return d.ReadFile(rel, r.maxSize) // a file too large is a *confine.TooLargeError: not the scan's
}

// treeOf returns the directory files read beside of must lie in; see ReadBeside.
func (r *Reader) treeOf(of string) (string, bool) {
	base := filepath.Dir(of)
	if !r.files[of] {
		t, _, ok := r.rootOf(of)
		if !ok {
			return "", false
		}
		base = t.path
	}
	if role, ok := source.AnsibleRole(of); ok {
		if _, inside := within(role, base); inside {
			base = role
		}
	}
	return base, true
}

// openDir opens the directory at path: a scan root, kept open, or another directory, closed by
// done.
func (r *Reader) openDir(path string) (d *confine.Dir, done func(), err error) {
	for _, t := range r.roots {
		if t.path == path {
			d, err := t.open()
			return d, func() {}, err
		}
	}
	d, err = confine.OpenDir(path)
	if err != nil {
		return nil, nil, err
	}
	return d, func() { d.Close() }, nil
}

// Rewrite replaces the file at path, which the scan read as old, with new, for --fix: through a
// temporary file in the same directory (its name fits NAME_MAX whatever the file's name), synced
// and renamed over the file, keeping the file's permissions and owner. The file must still be as
// the scan read it (ErrChanged otherwise), a regular file inside the scanned tree reached without a
// symbolic link, not excluded, and not read-only. On any error the file is left as it was.
func (r *Reader) Rewrite(path string, old, new []byte) error {
	path = filepath.Clean(path)
	if r.exclude != nil && r.exclude(path) {
		return ErrExcluded
	}
	var (
		d   *confine.Dir
		err error
	)
	if r.files[path] {
		d, err = confine.OpenDir(filepath.Dir(path))
	} else {
		t, rel, ok := r.rootOf(path)
		if !ok {
			return ErrOutside
		}
		var td *confine.Dir
		if td, err = t.open(); err == nil {
			d, err = td.OpenDir(filepath.Dir(rel))
		}
	}
	if err != nil {
		return err
	}
	defer d.Close()
	name := filepath.Base(path)
	cur, err := d.ReadFile(name, max(r.maxSize, int64(len(old))))
	var tooLarge *confine.TooLargeError
	if errors.As(err, &tooLarge) || (err == nil && !bytes.Equal(cur, old)) {
		return ErrChanged
	}
	if err != nil {
		return err
	}
	w, err := d.Create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(new); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// rootOf returns the directory root that holds path, and path relative to it.
func (r *Reader) rootOf(path string) (*root, string, bool) {
	for _, t := range r.roots {
		if rel, ok := within(t.path, path); ok {
			return t, rel, true
		}
	}
	return nil, "", false
}

// within returns p relative to base when p is base or below it, by their clean paths' text: the
// walk builds every path it finds by joining names to a root, and extractors build the paths they
// read from the analyzed file's, so the text says where a path lies (what the file system makes
// of it is package confine's business).
func within(base, p string) (string, bool) {
	const sep = string(filepath.Separator)
	if base == "." {
		if filepath.IsAbs(p) || filepath.VolumeName(p) != "" || p == ".." || strings.HasPrefix(p, ".."+sep) {
			return "", false
		}
		return p, true
	}
	if p == base {
		return ".", true
	}
	rest, ok := strings.CutPrefix(p, base)
	switch {
	case !ok:
		return "", false
	case strings.HasSuffix(base, sep): // the file system's root
		return rest, rest != ""
	case strings.HasPrefix(rest, sep):
		return rest[1:], true
	}
	return "", false
}

// result turns confine's size error into the scan's.
func (r *Reader) result(data []byte, err error) ([]byte, error) {
	var tooLarge *confine.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, &TooLargeError{Size: tooLarge.Size, Limit: tooLarge.Limit}
	}
	return data, err
}
