package privgrant_test

import (
	"testing"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/internal/checktest"
)

func TestFixtures(t *testing.T) {
	checktest.Run(t, "testdata", privgrant.Analyzer)
}
