package discover

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// readDir lists a directory, without sorting it, with getdents on the directory's file
// descriptor: a walk reads every directory of a tree, and an os.File's poller registration and
// finalizer cost it more than the read. each is called for every entry, and batch after each
// getdents buffer of them, so a directory of any width costs one buffer. The directory is opened
// without following a link; an entry whose type the file system does not give is looked up on the
// directory's descriptor, without following a link.
func readDir(dir string, each func(name string, mode fs.FileMode), batch func()) error {
	fd, err := openDir(dir)
	if err != nil {
		return &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	buf := make([]byte, 16<<10)
	for {
		n, err := unix.Getdents(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			return nil
		}
		// struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), d_name.
		for off := 0; off+19 < n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen < 19 || off+reclen > n {
				batch()
				return &fs.PathError{Op: "readdirent", Path: dir, Err: errBadRecord}
			}
			typ := buf[off+18]
			raw := buf[off+19 : off+reclen]
			off += reclen
			if i := bytes.IndexByte(raw, 0); i >= 0 {
				raw = raw[:i]
			}
			if string(raw) == "." || string(raw) == ".." {
				continue
			}
			name := string(raw)
			mode, ok := direntMode(typ)
			if !ok {
				if mode, err = statMode(fd, name); errors.Is(err, unix.ENOENT) {
					continue // gone since the listing
				} else if err != nil {
					batch()
					return &fs.PathError{Op: "lstat", Path: filepath.Join(dir, name), Err: err}
				}
			}
			each(name, mode)
		}
		batch()
	}
}

// errBadRecord is a directory record of a length privlint cannot read.
var errBadRecord = errors.New("malformed directory entry")

// statMode returns the type of the entry name of the directory fd, without following a link.
func statMode(fd int, name string) (fs.FileMode, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return 0, err
		}
		break
	}
	// The file types of st_mode and of d_type are the same numbers, four bits apart.
	if mode, ok := direntMode(byte(st.Mode & unix.S_IFMT >> 12)); ok {
		return mode, nil
	}
	return fs.ModeIrregular, nil
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
