//go:build unix && !linux

package confine

import "testing"

// setNoOpenat2 does nothing: only Linux has openat2.
func setNoOpenat2(*testing.T) {}
