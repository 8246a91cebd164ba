package scan

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/privlint/privlint/internal/confine"
	"github.com/privlint/privlint/internal/report"
)

// Baseline holds the findings of an earlier run's SARIF, by rule, file and privlint's finding hash,
// so that adopting privlint on a repository reports only what is new. GitHub's
// primaryLocationLineHash is not used: it covers the next lines too, so it changes when a line is
// added below a finding.
type Baseline map[string]bool

func baselineKey(rule, path, hash string) string {
	return rule + "\x00" + path + "\x00" + hash
}

// Has reports whether the baseline holds f, by privlint's finding hash.
func (b Baseline) Has(f *report.Finding) bool {
	return b != nil && b[baselineKey(f.Rule.ID, f.Path, f.FindingHash)]
}

// MaxBaselineSize is the size limit of a baseline file: a larger one is an error, not read.
const MaxBaselineSize = 64 << 20

// LoadBaseline reads the results of a SARIF file privlint wrote: a regular file of at most
// MaxBaselineSize bytes, not a symbolic link (a FIFO, /dev/zero or a link is an error, never read
// or followed).
func LoadBaseline(path string) (Baseline, error) {
	data, err := confine.ReadFile(path, MaxBaselineSize)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s is not SARIF: %w", path, err)
	}
	if len(doc.Runs) == 0 {
		return nil, fmt.Errorf("baseline %s has no run", path)
	}
	b := Baseline{}
	for _, run := range doc.Runs {
		for _, r := range run.Results {
			if len(r.Locations) == 0 {
				continue
			}
			uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if p, err := url.PathUnescape(uri); err == nil {
				uri = p
			}
			if h := r.PartialFingerprints[report.FindingHashKey]; h != "" {
				b[baselineKey(r.RuleID, uri, h)] = true
			}
		}
	}
	return b, nil
}
