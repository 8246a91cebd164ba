package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/internal/report/sarifcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with testdata/name, or rewrites that file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept it):\n%s", path, got)
	}
}

func format(t *testing.T, name string, r *Result) []byte {
	t.Helper()
	f, ok := Formatters[name]
	if !ok {
		t.Fatalf("no formatter %q", name)
	}
	var b bytes.Buffer
	if err := f.Format(&b, r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tt := range []struct{ format, file string }{
		{"text", "sample.txt"},
		{"json", "sample.json"},
		{"sarif", "sample.sarif"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			out := format(t, tt.format, sampleResult(t))
			if tt.format == "sarif" {
				if err := sarifcheck.Validate(out); err != nil {
					t.Errorf("invalid SARIF: %v", err)
				}
			}
			golden(t, tt.file, out)
		})
	}
}

func TestFormattersEndInNewline(t *testing.T) {
	for name := range Formatters {
		out := format(t, name, sampleResult(t))
		if len(out) == 0 || out[len(out)-1] != '\n' {
			t.Errorf("%s output does not end in a newline", name)
		}
	}
}
