package scan

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/privlint/privlint/internal/confine"
	"github.com/privlint/privlint/internal/report"
)

// Baseline holds the findings of an earlier run's SARIF, by rule, file and privlint's finding hash,
// so that adopting privlint on a repository reports only what is new. GitHub's
// primaryLocationLineHash is not used: it covers the next lines too, so it changes when a line is
// added below a finding.
//
// privlint writes privlintFindingHash/v2. A SARIF file from a release that wrote only
// privlintFindingHash/v1 still works: for the rules and files its v1 entries name, findings get
// their v1 hash too (which costs a pass over the finding's line each, up to a budget per file).
// The zero Baseline holds nothing.
type Baseline struct {
	Path   string          // the file it was read from
	hashes map[string]bool // baselineKey of every entry, v1 and v2 alike
	v1     map[string]bool // baselineKey(rule, path, "") of the entries that have only a v1 hash
	paths  map[string]bool // the files the entries name, as shown
}

// names reports whether the baseline holds an entry of the file at path (as shown).
func (b Baseline) names(path string) bool {
	return b.paths[path]
}

func baselineKey(rule, path, hash string) string {
	return rule + "\x00" + path + "\x00" + hash
}

// Has reports whether the baseline holds f, by its finding hash (v2).
func (b Baseline) Has(f *report.Finding) bool {
	return b.hashes[baselineKey(f.Rule.ID, f.Path, f.FindingHash)]
}

// hasHash reports whether the baseline holds the finding of rule in the file at path with hash.
func (b Baseline) hasHash(rule, path, hash string) bool {
	return b.hashes[baselineKey(rule, path, hash)]
}

// unmatched counts the entries that match no finding of a scan: those of the files in scanned
// that are not in matched (baselineKeys), and those of files that the scan would have read but did
// not find (a file deleted since): files below one of roots (the scan's directories, as findings
// show paths) that are not in attempted (every file the scan met).
func (b Baseline) unmatched(matched, scanned, attempted map[string]bool, roots []string) int {
	n := 0
	for k := range b.hashes {
		if matched[k] {
			continue
		}
		path := strings.Split(k, "\x00")[1]
		if scanned[path] || !attempted[path] && slices.ContainsFunc(roots, func(r string) bool { return below(r, path) }) {
			n++
		}
	}
	return n
}

// below reports whether the shown path p is root or lies below it.
func below(root, p string) bool {
	if root == "." {
		return !filepath.IsAbs(filepath.FromSlash(p)) && p != ".." && !strings.HasPrefix(p, "../")
	}
	return p == root || strings.HasPrefix(p, strings.TrimSuffix(root, "/")+"/")
}

// hasV1 reports whether the baseline holds v1-only entries for rule in the file at path.
func (b Baseline) hasV1(rule, path string) bool {
	return b.v1[baselineKey(rule, path, "")]
}

// MaxBaselineSize is the size limit of a baseline file: a larger one is an error, not read.
const MaxBaselineSize = 64 << 20

// LoadBaseline reads the results of a SARIF file privlint wrote: a regular file of at most
// MaxBaselineSize bytes, not a symbolic link (a FIFO, /dev/zero or a link is an error, never read
// or followed).
func LoadBaseline(path string) (Baseline, error) {
	data, err := confine.ReadFile(path, MaxBaselineSize)
	if err != nil {
		return Baseline{}, fmt.Errorf("baseline %s: %w", path, err)
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
		return Baseline{}, fmt.Errorf("baseline %s is not SARIF: %w", path, err)
	}
	if len(doc.Runs) == 0 {
		return Baseline{}, fmt.Errorf("baseline %s has no run", path)
	}
	b := Baseline{Path: path, hashes: map[string]bool{}, v1: map[string]bool{}, paths: map[string]bool{}}
	for _, run := range doc.Runs {
		for _, r := range run.Results {
			if len(r.Locations) == 0 {
				continue
			}
			uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI
			if p, err := url.PathUnescape(uri); err == nil {
				uri = p
			}
			b.paths[uri] = true
			if h := r.PartialFingerprints[report.FindingHashKey]; h != "" {
				b.hashes[baselineKey(r.RuleID, uri, h)] = true
			} else if h := r.PartialFingerprints[report.FindingHashKeyV1]; h != "" {
				b.hashes[baselineKey(r.RuleID, uri, h)] = true
				b.v1[baselineKey(r.RuleID, uri, "")] = true
			}
		}
	}
	return b, nil
}
