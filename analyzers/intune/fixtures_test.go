package intune_test

import (
	"testing"

	"github.com/privlint/privlint/internal/fixtures"
)

// TestFixtures checks the fixtures under testdata/src against the expectations written in them,
// and what --fix writes against their golden files.
func TestFixtures(t *testing.T) { fixtures.Run(t, "testdata/src") }
