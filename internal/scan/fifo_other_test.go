//go:build !unix

package scan

import "testing"

// mkfifo skips the test: this system has no named pipes in the file system.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skipf("no FIFOs on this system, so %s cannot be made", path)
}
