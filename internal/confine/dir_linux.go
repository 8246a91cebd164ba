package confine

import (
	"errors"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// noOpenat2 is set once openat2 proved unavailable (a kernel before 5.6, or a seccomp filter that
// refuses it), so that the walk is used from then on without trying again.
var noOpenat2 atomic.Bool

// openBeneath opens rel (clean, below dir) with one openat2 call that the kernel keeps below dir
// (RESOLVE_BENEATH) and off every symbolic link (RESOLVE_NO_SYMLINKS), whatever happens to the
// tree meanwhile. ok is false when the caller must walk the components itself: openat2 is not
// available, or its error does not say which component failed.
func openBeneath(dir int, rel string, flags int) (fd int, err error, ok bool) {
	if noOpenat2.Load() {
		return -1, nil, false
	}
	how := unix.OpenHow{
		Flags:   uint64(flags),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	for range 8 {
		fd, err := unix.Openat2(dir, rel, &how)
		switch {
		case err == nil:
			return fd, nil, true
		case errors.Is(err, unix.EINTR), errors.Is(err, unix.EAGAIN): // a rename raced the lookup
			continue
		case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM):
			noOpenat2.Store(true)
			return -1, nil, false
		case errors.Is(err, unix.ELOOP):
			return -1, ErrSymlink, true
		case errors.Is(err, unix.EXDEV):
			return -1, ErrOutside, true
		case errors.Is(err, unix.ENOTDIR):
			return -1, nil, false // a file where a directory was expected, or a link: the walk tells
		default:
			return -1, err, true
		}
	}
	return -1, nil, false
}
