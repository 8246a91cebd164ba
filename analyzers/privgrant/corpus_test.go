package privgrant_test

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

func corpusFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(corpusDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus not present: %v", err)
	}
	return p
}

// TestCorpus checks the files of the shared corpus against what its README says a correct analysis
// reports, finding for finding. (The MOF file has a test of its own in analyzers/mof, which also
// counts the instances read.)
func TestCorpus(t *testing.T) {
	tests := []struct {
		file string
		want []string // "line rule account"
	}{
		{"inf/group3r-testsysvol-GptTmpl.inf", []string{
			"63 PL1001 *S-1-5-21-1861388480-899987619-2527135411-1104",
			"76 PL1002 *S-1-5-21-1861388480-899987619-2527135411-1104",
		}},
		{"inf/dod-windows8-GptTmpl.inf", nil},
		{"ansible/windows11-cis-2.2.x.yml", []string{"355 PL1004 IIS_IUSRS"}},
		{"ansible/windows2019-stig-defaults-main.yml", nil},
		// The README (written before the print spooler's identity became safe for
		// SeImpersonatePrivilege) expects line 105 to be PL1001; it is in the safe set now.
		{"json/noid-privacy-SecurityTemplates.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := corpusFile(t, tt.file)
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
