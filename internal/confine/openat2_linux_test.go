package confine

import "testing"

// setNoOpenat2 makes the test use the walk of one openat per component, as on a kernel without
// openat2.
func setNoOpenat2(t *testing.T) {
	was := noOpenat2.Load()
	noOpenat2.Store(true)
	t.Cleanup(func() { noOpenat2.Store(was) })
}
