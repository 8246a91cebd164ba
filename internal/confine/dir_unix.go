//go:build unix

package confine

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// handle is an open directory's file descriptor.
type handle struct{ fd int }

// Flags of the last component opened: a file is opened without blocking (a FIFO would wait for a
// writer) and checked with fstat before it is read; neither follows a link.
const (
	fileFlags = unix.O_RDONLY | unix.O_NONBLOCK | unix.O_NOFOLLOW | unix.O_CLOEXEC
	dirFlags  = unix.O_RDONLY | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
)

func openDirPath(path string) (handle, error) {
	fd, err := openat(unix.AT_FDCWD, path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return handle{-1}, err
	}
	return handle{fd}, nil
}

func (h handle) close() error { return unix.Close(h.fd) }

// readFile reads the regular file at rel (clean, below h) of at most limit bytes, as readRegular
// does, on the file descriptor itself: a scan reads every file of a tree, and an os.File's poller
// registration and finalizer cost it more than the read.
func (h handle) readFile(rel string, limit int64) ([]byte, error) {
	if rel == "." {
		return nil, notRegular(fs.ModeDir)
	}
	fd, err := h.openAt(rel, fileFlags)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := fstat(fd, &st); err != nil {
		return nil, err
	}
	if m := uint32(st.Mode); m&unix.S_IFMT != unix.S_IFREG { //nolint:unconvert // Mode is a uint16 on darwin
		return nil, notRegular(modeOf(m))
	}
	if st.Size > limit {
		return nil, &TooLargeError{Size: st.Size, Limit: limit}
	}
	buf := make([]byte, st.Size)
	n := 0
	for n < len(buf) { // never past the size fstat gave: a file that grows cannot make the read unbounded
		k, err := unix.Read(fd, buf[n:])
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EAGAIN):
			return nil, err // not a regular file's answer; fstat said it is one
		case err != nil:
			return nil, err
		case k == 0: // the file shrank since fstat: read as it is now
			return buf[:n], nil
		}
		n += k
	}
	return buf, nil
}

// fstat is unix.Fstat, retried when a signal interrupts it.
func fstat(fd int, st *unix.Stat_t) error {
	for {
		if err := unix.Fstat(fd, st); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// modeOf returns the file type of a stat mode as fs.FileMode, for messages.
func modeOf(m uint32) fs.FileMode {
	switch m & unix.S_IFMT {
	case unix.S_IFDIR:
		return fs.ModeDir
	case unix.S_IFLNK:
		return fs.ModeSymlink
	case unix.S_IFIFO:
		return fs.ModeNamedPipe
	case unix.S_IFSOCK:
		return fs.ModeSocket
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}

// openDir opens the directory at rel (clean, below h); "." opens h itself again.
func (h handle) openDir(rel string) (handle, error) {
	fd, err := h.openAt(rel, dirFlags)
	if err != nil {
		return handle{-1}, err
	}
	return handle{fd}, nil
}

// openAt opens rel (clean, below h), with flags for the last component.
func (h handle) openAt(rel string, flags int) (int, error) {
	if fd, err, ok := openBeneath(h.fd, rel, flags); ok {
		return fd, err
	}
	parts := components(rel)
	if len(parts) == 0 {
		parts = []string{"."}
	}
	return h.walk(parts, flags)
}

// walk opens parts one component at a time, each relative to the directory opened before it and
// none through a link, so that a component cannot be swapped for a link between two steps.
func (h handle) walk(parts []string, flags int) (int, error) {
	dir := h.fd
	defer func() {
		if dir != h.fd {
			unix.Close(dir)
		}
	}()
	for i, name := range parts {
		last := i == len(parts)-1
		f := dirFlags
		if last {
			f = flags
		}
		fd, err := openat(dir, name, f, 0)
		if err != nil {
			return -1, explain(dir, name, err, last)
		}
		if last {
			return fd, nil
		}
		if dir != h.fd {
			unix.Close(dir)
		}
		dir = fd
	}
	return -1, ErrOutside // no components: callers pass at least one
}

// explain turns the failure to open name in dir into ErrSymlink when name is a link (systems
// report O_NOFOLLOW on a link as ELOOP, EMLINK or ENOTDIR); a component that is not a directory
// means the path does not exist.
func explain(dir int, name string, err error, last bool) error {
	if errors.Is(err, unix.ENOENT) {
		return err
	}
	var st unix.Stat_t
	if unix.Fstatat(dir, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
		return ErrSymlink
	}
	if errors.Is(err, unix.ENOTDIR) && !last {
		return unix.ENOENT
	}
	return err
}

func openat(dir int, name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := unix.Openat(dir, name, flags, perm)
		if !errors.Is(err, unix.EINTR) {
			return fd, err
		}
	}
}

// lstat returns what the file name in h is, or nil when there is none.
func (h handle) lstat(name string) (*target, error) {
	var st unix.Stat_t
	err := unix.Fstatat(h.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	if errors.Is(err, unix.ENOENT) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &target{mode: fileMode(st.Mode), uid: int(st.Uid), gid: int(st.Gid)}, nil
}

// fileMode converts a stat mode (16 bits on some systems, 32 on others).
func fileMode[M uint16 | uint32](m M) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	switch m & unix.S_IFMT {
	case unix.S_IFDIR:
		mode |= fs.ModeDir
	case unix.S_IFLNK:
		mode |= fs.ModeSymlink
	case unix.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case unix.S_IFSOCK:
		mode |= fs.ModeSocket
	case unix.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		mode |= fs.ModeDevice
	case unix.S_IFREG:
	default:
		mode |= fs.ModeIrregular
	}
	if m&unix.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&unix.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&unix.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// createExcl creates the file name in h, failing when anything (a link included) has that name.
func (h handle) createExcl(name string, perm fs.FileMode) (*os.File, error) {
	fd, err := openat(h.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(perm.Perm()))
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), name), nil
}

func (h handle) rename(from, to string) error { return unix.Renameat(h.fd, from, h.fd, to) }

func (h handle) remove(name string) error { return unix.Unlinkat(h.fd, name, 0) }

// sync flushes the directory, so that a rename in it survives a crash; some file systems cannot,
// which is no reason to fail.
func (h handle) sync() { _ = unix.Fsync(h.fd) }

// owner returns the owner and group of an open file.
func owner(f *os.File) (uid, gid int, ok bool) {
	info, err := f.Stat()
	if err != nil {
		return 0, 0, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}
