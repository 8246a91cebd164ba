// Package confine opens, reads and replaces files without following symbolic links. Below a
// directory opened once (a Dir: the tree a scan reads) no path component may be a link and nothing
// outside the directory is reached; a file the user names is opened without following a link at
// its last component. Only regular files are read, within a size limit, so a FIFO, a device or
// /dev/zero is an error, not a hang. Files are replaced through a temporary file in the same
// directory, synced and renamed, never written through a link.
//
// How a path below a Dir is opened: on Linux with one openat2 call that the kernel confines
// (RESOLVE_BENEATH, RESOLVE_NO_SYMLINKS); on other Unix systems, and on Linux kernels without
// openat2, one openat with O_NOFOLLOW per component, each relative to the directory opened before
// it, so no component can be swapped for a link; elsewhere (Windows) through os.Root, which keeps
// every open inside the directory, with each component checked not to be a link before it is
// opened and the file checked to be the one checked.
package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// Errors of the checks this package makes. Errors of the system (a missing file, a denied
// permission) are returned as the system's errors, without the path.
var (
	// ErrSymlink is the error for a symbolic link where a file or directory is expected.
	ErrSymlink = errors.New("symbolic link; not followed")
	// ErrNotRegular is the error for a FIFO, socket, device or directory where a file is read or
	// replaced; the error's text says which it is.
	ErrNotRegular = errors.New("not a regular file")
	// ErrOutside is the error for a path that leaves the directory it is opened below.
	ErrOutside = errors.New("path leaves the directory")
	// ErrReadOnly is the error for replacing a file that has no write permission.
	ErrReadOnly = errors.New("file is read-only; not changed")
)

// TooLargeError is the error for a file over the size limit of a read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, over the %d-byte limit", e.Size, e.Limit)
}

// notRegular is ErrNotRegular naming what the file is.
func notRegular(mode fs.FileMode) error {
	kind := "an irregular file"
	switch {
	case mode.IsDir():
		kind = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeSymlink != 0:
		return ErrSymlink
	}
	return fmt.Errorf("%w (%s)", ErrNotRegular, kind)
}

// bare drops the operation and path an *fs.PathError adds, so that callers name the file once.
func bare(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads the regular file at path, a path the user names, of at most limit bytes. The file
// is never a symbolic link, and neither is a directory of a relative path below the current
// directory (see OpenParent).
func ReadFile(path string, limit int64) ([]byte, error) {
	d, name, err := OpenParent(path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.ReadFile(name, limit)
}

// Dir is a directory opened once, below which files are opened without following links. It is
// safe for use by several goroutines.
type Dir struct {
	path string
	h    handle
}

// OpenDir opens the directory at path, as the caller names it (links in path are the caller's).
func OpenDir(path string) (*Dir, error) {
	h, err := openDirPath(path)
	if err != nil {
		return nil, bare(err)
	}
	return &Dir{path: path, h: h}, nil
}

// Path returns the path the directory was opened with, joined with the relative path for a Dir
// opened below another.
func (d *Dir) Path() string { return d.path }

// Close closes the directory.
func (d *Dir) Close() error { return d.h.close() }

// ReadFile reads the regular file at rel below d, of at most limit bytes. rel is relative to d
// and must not leave it; no component of it may be a symbolic link.
func (d *Dir) ReadFile(rel string, limit int64) ([]byte, error) {
	rel, err := below(rel)
	if err != nil {
		return nil, err
	}
	return d.h.readFile(rel, limit)
}

// OpenDir opens the directory at rel below d; no component of rel may be a symbolic link.
func (d *Dir) OpenDir(rel string) (*Dir, error) {
	rel, err := below(rel)
	if err != nil {
		return nil, err
	}
	h, err := d.h.openDir(rel)
	if err != nil {
		return nil, err
	}
	return &Dir{path: filepath.Join(d.path, rel), h: h}, nil
}

// below checks that rel stays below the directory it is relative to and returns it clean: no
// "..", no "." but for the directory itself.
func below(rel string) (string, error) {
	clean := filepath.Clean(rel)
	if filepath.IsAbs(clean) || filepath.VolumeName(clean) != "" || clean == ".." ||
		strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", ErrOutside
	}
	return clean, nil
}

// components returns the components of a path below returned; "." has none.
func components(rel string) []string {
	if rel == "." {
		return nil
	}
	return strings.Split(rel, string(filepath.Separator))
}

// OpenParent opens the directory that holds the file at path, a path the user names, and returns
// it with the file's name in it. For a relative path that stays below the current directory every
// directory component must be a real directory, not a symbolic link: in CI the current directory
// is often a checked-out pull request, whose links an attacker chooses. An absolute path, or one
// that climbs out of the current directory, is taken as the caller names it.
func OpenParent(path string) (*Dir, string, error) {
	clean := filepath.Clean(path)
	dir, name := filepath.Split(clean)
	if name == "" || name == "." || name == ".." {
		return nil, "", fmt.Errorf("%s: not a file name", path)
	}
	if dir == "" {
		dir = "."
	}
	if _, err := below(dir); err != nil { // absolute, or above the current directory
		d, err := OpenDir(dir)
		return d, name, err
	}
	cwd, err := OpenDir(".")
	if err != nil {
		return nil, "", err
	}
	defer cwd.Close()
	d, err := cwd.OpenDir(dir)
	return d, name, err
}

// Create starts writing the file at path, a path the user names, through a temporary file in its
// directory (see Dir.Create), which Commit renames over path. The directory is opened by
// OpenParent; a symbolic link at path is refused.
func Create(path string) (*Replacement, error) {
	d, name, err := OpenParent(path)
	if err != nil {
		return nil, err
	}
	r, err := d.Create(name)
	if err != nil {
		d.Close()
		return nil, err
	}
	r.ownDir = true
	return r, nil
}
