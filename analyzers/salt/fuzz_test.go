package salt

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzSalt runs the extractor over arbitrary text: it must not panic, and everything it returns or
// records must lie in the file.
func FuzzSalt(f *testing.F) {
	for _, tt := range extractTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		file := checktest.NewFile("fuzz.sls", source.LangSalt, text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}
