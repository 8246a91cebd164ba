package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/langs"
	"github.com/privlint/privlint/analyzers/pipeline"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzPipeline runs the extractor, with the scripts it finds handed to their languages, over
// arbitrary text: it must not panic, stay within its allowance of memory, and everything it returns
// or records must lie in the file.
func FuzzPipeline(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/src/*.yml")
	for _, p := range fixtures {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	nested := langs.Interpreters()
	f.Fuzz(func(t *testing.T, text string) {
		file := checktest.NestedFile("fuzz.yml", source.LangYAML, text, nested)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, extract(file, yamlpos.Parse, pipeline.Extract)) })
	})
}

// FuzzManifest runs the extractor of provisioning manifests over arbitrary JSON text, with the
// commands it finds handed to their languages: it must not panic, stay within its allowance of
// memory, and everything it returns or records must lie in the file.
func FuzzManifest(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/src/manifests/*.json")
	for _, p := range fixtures {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	nested := langs.Interpreters()
	f.Fuzz(func(t *testing.T, text string) {
		file := checktest.NestedFile("fuzz.json", source.LangJSON, text, nested)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, extract(file, yamlpos.ParseJSON, pipeline.ExtractJSON)) })
	})
}

// extract parses file with parse, charging it, and reads it with read, as langs does.
func extract(file *source.File, parse func([]byte) (*yamlpos.File, []*yamlpos.Error),
	read func(*source.File, *yamlpos.File) []assign.Assignment) []assign.Assignment {
	y, _ := parse(file.Text)
	y.ChargeTo(file)
	return read(file, y)
}
