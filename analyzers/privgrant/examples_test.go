package privgrant_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
	"github.com/privlint/privlint/internal/config"
	"github.com/privlint/privlint/rules"
)

// TestRuleExamples runs every rule's documented examples, with the configuration they are
// documented with: the bad one must produce exactly one finding, of that rule, and the good one none.
func TestRuleExamples(t *testing.T) {
	for _, r := range rules.Catalog {
		t.Run(r.ID, func(t *testing.T) {
			cfg, err := config.Parse(config.FileName, []byte(r.Config))
			if err != nil {
				t.Fatalf("the configuration of %s's examples: %v", r.ID, err)
			}
			for _, ex := range []struct {
				kind string
				ex   rules.Example
				want int
			}{{"bad", r.Bad, 1}, {"good", r.Good, 0}} {
				path := filepath.Join(t.TempDir(), ex.ex.File)
				if err := os.WriteFile(path, []byte(ex.ex.Text), 0o644); err != nil {
					t.Fatal(err)
				}
				diags := checktest.Diagnostics(checktest.Analyze(t, path, privgrant.Analyzer, source.Checking(cfg.RightSet(nil))), privgrant.Analyzer)
				if len(diags) != ex.want {
					t.Errorf("%s example of %s: %d diagnostics, want %d: %v", ex.kind, r.ID, len(diags), ex.want, diags)
				}
				for _, d := range diags {
					if d.Category != r.ID {
						t.Errorf("%s example of %s reports %s: %s", ex.kind, r.ID, d.Category, d.Message)
					}
				}
			}
		})
	}
}
