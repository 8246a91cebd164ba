package ansible_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// corpusDir holds real files from public repositories beside the project (../shared/corpus); a fresh
// clone does not have it.
const corpusDir = "../../../shared/corpus"

// TestCorpus checks the Ansible files of the shared corpus against what its README says a correct
// analysis reports, finding for finding.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file string
		want []string // "line rule account"
	}{
		{"ansible/windows11-cis-2.2.x.yml", []string{"355 PL1004 IIS_IUSRS"}},
		{"ansible/windows2019-stig-defaults-main.yml", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(corpusDir, tt.file)
			if _, err := os.Stat(path); err != nil {
				t.Skipf("shared corpus not present: %v", err)
			}
			res := checktest.Analyze(t, path, privgrant.Analyzer)
			file := res.Results[source.Analyzer].(*source.File)
			var got []string
			for _, f := range res.Results[privgrant.Analyzer].(*privgrant.Result).Findings {
				got = append(got, fmt.Sprintf("%d %s %s", file.Tok.Position(f.Pos).Line, f.Rule.ID, f.Account))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings:\n%q\nwant:\n%q", got, tt.want)
			}
			if len(file.Problems) > 0 {
				t.Errorf("problems reading a valid file: %v", file.Problems)
			}
		})
	}
}
