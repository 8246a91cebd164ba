package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"unicode/utf8"
)

// Replacement is a file being written in place of another, or created: a temporary file in the
// same directory that Commit syncs and renames over the target. Until then the target is
// untouched; Abort removes the temporary file.
type Replacement struct {
	dir  *Dir
	name string // the file replaced or created
	tmp  string // the temporary file, in the same directory
	f    *os.File
	old  *target // what the replaced file was; nil for a new file
	done bool

	ownDir bool // the directory was opened for this replacement, and is closed with it
}

// target is what Create learned of the file it replaces.
type target struct {
	mode     fs.FileMode // permission bits, with setuid, setgid and sticky
	uid, gid int         // -1 where the system has no owners
}

// maxTempBase bounds the bytes of the target's name kept in the temporary name, so that the
// temporary name fits NAME_MAX (255 bytes) whatever the target's name: "." + 200 bytes +
// ".privlint-" + 8 hex digits + ".tmp" is 223 bytes.
const maxTempBase = 200

// tempName returns a temporary name for name: hidden, recognizable, and no longer than NAME_MAX.
func tempName(name string) string {
	base := name
	if len(base) > maxTempBase {
		cut := maxTempBase
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut-- // keep the name valid UTF-8 where it was
		}
		base = base[:cut]
	}
	return fmt.Sprintf(".%s.privlint-%08x.tmp", base, rand.Uint32())
}

// Create starts writing the file name in d (one path element) through a temporary file in d.
// When the file exists it must be a regular file (a symbolic link is refused, never followed or
// replaced) with some write permission: a read-only file is refused. The replacement then keeps
// the file's permissions and its owner and group; Commit fails, leaving the file as it was, when
// they cannot be kept (a process that is not root replacing another user's file). A new file gets
// the permissions os.Create gives.
func (d *Dir) Create(name string) (*Replacement, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsRune(name, os.PathSeparator) || strings.ContainsRune(name, '/') {
		return nil, fmt.Errorf("%q is not a file name", name)
	}
	old, err := d.h.lstat(name)
	if err != nil {
		return nil, err
	}
	if old != nil {
		if old.mode&fs.ModeType != 0 {
			return nil, notRegular(old.mode)
		}
		if old.mode&0o222 == 0 {
			return nil, ErrReadOnly
		}
	}
	perm := fs.FileMode(0o666) // less the umask, as os.Create
	if old != nil {
		perm = 0o600 // until Commit gives it the target's permissions
	}
	for range 100 {
		tmp := tempName(name)
		f, err := d.h.createExcl(tmp, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &Replacement{dir: d, name: name, tmp: tmp, f: f, old: old}, nil
	}
	return nil, fmt.Errorf("no free temporary name for %s", name)
}

// Write writes to the temporary file.
func (r *Replacement) Write(p []byte) (int, error) { return r.f.Write(p) }

// Commit gives the temporary file the replaced file's owner and permissions, syncs it to disk and
// renames it over the target, then syncs the directory (best effort: once renamed, the file is
// replaced). On failure the target is unchanged and the temporary file removed.
func (r *Replacement) Commit() (err error) {
	if r.done {
		return errors.New("replacement already finished")
	}
	r.done = true
	defer func() {
		if err != nil {
			_ = r.dir.h.remove(r.tmp)
		}
		if r.ownDir {
			r.dir.Close()
		}
	}()
	if err := r.keep(); err != nil {
		r.f.Close()
		return err
	}
	if err := r.f.Sync(); err != nil {
		r.f.Close()
		return bare(err)
	}
	if err := r.f.Close(); err != nil {
		return bare(err)
	}
	if err := r.dir.h.rename(r.tmp, r.name); err != nil {
		return err
	}
	r.dir.h.sync()
	return nil
}

// keep gives the temporary file the owner and permissions of the file it replaces.
func (r *Replacement) keep() error {
	if r.old == nil {
		return nil
	}
	if r.old.uid >= 0 {
		if uid, gid, ok := owner(r.f); !ok || uid != r.old.uid || gid != r.old.gid {
			// chown before chmod: changing the owner clears setuid and setgid
			if err := r.f.Chown(r.old.uid, r.old.gid); err != nil {
				return fmt.Errorf("cannot keep the file's owner %d and group %d: %w", r.old.uid, r.old.gid, bare(err))
			}
		}
	}
	if err := r.f.Chmod(r.old.mode); err != nil {
		return fmt.Errorf("cannot keep the file's permissions: %w", bare(err))
	}
	return nil
}

// Abort removes the temporary file and leaves the target as it was. It does nothing after Commit.
func (r *Replacement) Abort() {
	if r.done {
		return
	}
	r.done = true
	r.f.Close()
	_ = r.dir.h.remove(r.tmp)
	if r.ownDir {
		r.dir.Close()
	}
}
