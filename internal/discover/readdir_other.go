//go:build !linux

package discover

import "io/fs"

// readDir lists a directory, without sorting it: each is called for every entry and batch after
// each batch of them.
func readDir(dir string, each func(name string, mode fs.FileMode), batch func()) error {
	return osReadDir(dir, each, batch)
}
