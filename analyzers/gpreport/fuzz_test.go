package gpreport

import (
	"testing"

	"github.com/privlint/privlint/internal/checktest"
)

// FuzzGPReport runs the extraction over arbitrary text: it must not panic, and every assignment,
// account and problem must lie in the text.
func FuzzGPReport(f *testing.F) {
	for _, tt := range extractTests {
		f.Add(tt.src)
	}
	f.Add("<UserRightsAssignment><![CDATA[x]]><Name>a<!-- c -->b</Name><Member><SID>&#x53;-1-1-0</SID></Member>")
	f.Fuzz(func(t *testing.T, text string) {
		file := testFile(text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}
