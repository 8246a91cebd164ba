// Package discover finds the files a scan reads: it walks directories without following symbolic
// links, skips version-control folders and anything that is not a regular file, and reports what it
// skips.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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

// Options controls a walk.
type Options struct {
	MaxSize int64 // 0 means DefaultMaxSize
}

// Files returns the files to scan under paths, in walk order, and the files it skipped. A path that
// names a file is scanned whatever its extension; files found in directories are scanned when their
// name implies a supported language or their content may (secpol.cfg, *.txt exports). An error is
// returned only for a path that does not exist or cannot be read at all.
func Files(paths []string, opts Options) (files []string, skipped []Skipped, err error) {
	maxSize := opts.MaxSize
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	checkSize := func(p string, info fs.FileInfo) bool {
		if info.Size() > maxSize {
			skipped = append(skipped, Skipped{p, fmt.Sprintf("file is %d bytes, over the %d-byte limit; not scanned", info.Size(), maxSize)})
			return false
		}
		return true
	}
	for _, root := range paths {
		info, err := os.Lstat(root)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			skipped = append(skipped, Skipped{root, "symbolic link; not followed"})
			continue
		case info.Mode().IsRegular():
			if checkSize(root, info) {
				files = append(files, root)
			}
			continue
		case !info.IsDir():
			skipped = append(skipped, Skipped{root, "not a regular file; not scanned"})
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return err
				}
				skipped = append(skipped, Skipped{p, fmt.Sprintf("cannot be read: %v", unwrap(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch t := d.Type(); {
			case d.IsDir():
				if p != root && vcsDirs[d.Name()] {
					return fs.SkipDir
				}
				return nil
			case !t.IsRegular():
				return nil // symbolic links, FIFOs, sockets, devices: never read
			}
			if source.LangOf(p) == source.LangNone && !source.MaySniff(p) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				skipped = append(skipped, Skipped{p, fmt.Sprintf("cannot be read: %v", unwrap(err))})
				return nil
			}
			if checkSize(p, info) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return files, skipped, nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
