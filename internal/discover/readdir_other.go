//go:build !linux

package discover

import "io/fs"

// readDir lists a directory, without sorting it.
func readDir(dir string) ([]fs.DirEntry, error) { return osReadDir(dir) }
