//go:build !unix

package confine

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// handle is an open directory as an os.Root, which keeps every open inside it. os.Root follows
// links that stay inside the directory, so each component is checked not to be a link before it
// is opened, and a file opened is checked to be the one checked.
type handle struct{ root *os.Root }

func openDirPath(path string) (handle, error) {
	r, err := os.OpenRoot(path)
	return handle{r}, err
}

func (h handle) close() error { return h.root.Close() }

// check returns what the last of parts is, after checking that no component is a link and that
// every component but the last is a directory.
func (h handle) check(parts []string) (fs.FileInfo, error) {
	var info fs.FileInfo
	for i := range parts {
		var err error
		info, err = h.root.Lstat(filepath.Join(parts[:i+1]...))
		if err != nil {
			return nil, bare(err)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil, ErrSymlink
		}
		if i < len(parts)-1 && !info.IsDir() {
			return nil, fs.ErrNotExist
		}
	}
	return info, nil
}

func (h handle) openFile(rel string) (*os.File, error) {
	parts := components(rel)
	if len(parts) == 0 {
		return nil, notRegular(fs.ModeDir)
	}
	before, err := h.check(parts)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, notRegular(before.Mode()) // never opened: it could block
	}
	f, err := h.root.Open(rel)
	if err != nil {
		return nil, bare(err)
	}
	if after, err := f.Stat(); err != nil || !os.SameFile(before, after) {
		f.Close()
		return nil, ErrSymlink // replaced since it was checked
	}
	return f, nil
}

func (h handle) openDir(rel string) (handle, error) {
	if _, err := h.check(components(rel)); err != nil {
		return handle{}, err
	}
	r, err := h.root.OpenRoot(rel)
	if err != nil {
		return handle{}, bare(err)
	}
	return handle{r}, nil
}

func (h handle) lstat(name string) (*target, error) {
	info, err := h.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, bare(err)
	}
	return &target{mode: info.Mode(), uid: -1, gid: -1}, nil
}

func (h handle) createExcl(name string, perm fs.FileMode) (*os.File, error) {
	f, err := h.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	return f, bare(err)
}

func (h handle) rename(from, to string) error { return bare(h.root.Rename(from, to)) }

func (h handle) remove(name string) error { return bare(h.root.Remove(name)) }

func (h handle) sync() {}

func owner(*os.File) (uid, gid int, ok bool) { return -1, -1, false }

// readFile reads the regular file at rel (clean, below h) of at most limit bytes.
func (h handle) readFile(rel string, limit int64) ([]byte, error) {
	f, err := h.openFile(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRegular(f, limit)
}

// readRegular reads f, which must be a regular file of at most limit bytes. The file is read once
// its size is known, and never beyond that size, so a file that grows meanwhile cannot make the
// read unbounded.
func readRegular(f *os.File, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, bare(err)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info.Mode())
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	buf := make([]byte, info.Size())
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, bare(err)
	}
	return buf[:n], nil // a file that shrank since fstat is read as it is now
}
