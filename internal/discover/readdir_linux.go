package discover

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// readDir lists a directory, without sorting it, with getdents on the directory's file
// descriptor: a walk reads every directory of a tree, and an os.File's poller registration and
// finalizer cost it more than the read. The directory is opened without following a link, and an
// entry whose type the file system does not give has the whole directory read by the os package.
func readDir(dir string) ([]fs.DirEntry, error) {
	fd, err := openDir(dir)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	var entries []fs.DirEntry
	buf := make([]byte, 16<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		// struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
		for off := 0; off+19 < n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen < 19 || off+reclen > n {
				return osReadDir(dir) // a record privlint cannot read: let the os package
			}
			typ := buf[off+18]
			name := string(buf[off+19 : off+reclen])
			if i := strings.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			off += reclen
			if name == "." || name == ".." {
				continue
			}
			mode, ok := direntMode(typ)
			if !ok {
				return osReadDir(dir)
			}
			entries = append(entries, dirent{dir: dir, name: name, mode: mode})
		}
	}
	return entries, nil
}

func openDir(dir string) (int, error) {
	for {
		fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if !errors.Is(err, unix.EINTR) {
			return fd, err
		}
	}
}

// direntMode returns the type a directory entry's d_type gives; false when it gives none.
func direntMode(typ byte) (fs.FileMode, bool) {
	switch typ {
	case unix.DT_REG:
		return 0, true
	case unix.DT_DIR:
		return fs.ModeDir, true
	case unix.DT_LNK:
		return fs.ModeSymlink, true
	case unix.DT_FIFO:
		return fs.ModeNamedPipe, true
	case unix.DT_SOCK:
		return fs.ModeSocket, true
	case unix.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case unix.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

// dirent is a directory entry read with getdents.
type dirent struct {
	dir, name string
	mode      fs.FileMode
}

func (d dirent) Name() string               { return d.name }
func (d dirent) IsDir() bool                { return d.mode.IsDir() }
func (d dirent) Type() fs.FileMode          { return d.mode }
func (d dirent) Info() (fs.FileInfo, error) { return os.Lstat(filepath.Join(d.dir, d.name)) }
