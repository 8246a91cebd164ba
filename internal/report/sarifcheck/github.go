package sarifcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The parts of a SARIF log that checkGitHub looks at. Pointers and raw messages tell absent from
// empty.
type (
	sarifLog struct {
		Runs []sarifRun `json:"runs"`
	}
	sarifRun struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Rules []sarifRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifRule struct {
		ID               string                     `json:"id"`
		ShortDescription *sarifText                 `json:"shortDescription"`
		FullDescription  *sarifText                 `json:"fullDescription"`
		Help             *sarifText                 `json:"help"`
		Properties       map[string]json.RawMessage `json:"properties"`
	}
	sarifResult struct {
		RuleID           *string         `json:"ruleId"`
		RuleIndex        *int            `json:"ruleIndex"`
		Message          *sarifText      `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations"`
		Fixes            []struct {
			ArtifactChanges []struct {
				ArtifactLocation *sarifArtifact `json:"artifactLocation"`
				Replacements     []struct {
					InsertedContent json.RawMessage `json:"insertedContent"`
				} `json:"replacements"`
			} `json:"artifactChanges"`
		} `json:"fixes"`
	}
	sarifLocation struct {
		ID               *int       `json:"id"`
		Message          *sarifText `json:"message"`
		PhysicalLocation *struct {
			ArtifactLocation *sarifArtifact `json:"artifactLocation"`
			Region           *struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	}
	sarifArtifact struct {
		URI       *string `json:"uri"`
		URIBaseID string  `json:"uriBaseId"`
	}
)

// checkGitHub checks what GitHub code scanning and privlint's SARIF contract need beyond the schema.
func checkGitHub(data []byte) error {
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		return fmt.Errorf("sarifcheck: %w", err)
	}
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("sarifcheck: "+format, args...))
	}
	if len(log.Runs) != 1 {
		fail("%d runs, want exactly 1", len(log.Runs))
	}
	for i, run := range log.Runs {
		at := fmt.Sprintf("runs[%d]", i)
		if run.ColumnKind != "utf16CodeUnits" {
			fail("%s.columnKind is %q, want utf16CodeUnits", at, run.ColumnKind)
		}
		for j, rule := range run.Tool.Driver.Rules {
			checkRule(fmt.Sprintf("%s.tool.driver.rules[%d]", at, j), rule, fail)
		}
		for j, res := range run.Results {
			checkResult(fmt.Sprintf("%s.results[%d]", at, j), res, run.Tool.Driver.Rules, fail)
		}
	}
	return errors.Join(errs...)
}

func checkRule(at string, rule sarifRule, fail func(string, ...any)) {
	if rule.ID == "" {
		fail("%s has no id", at)
	}
	for _, d := range []struct {
		name string
		text *sarifText
	}{
		{"shortDescription", rule.ShortDescription},
		{"fullDescription", rule.FullDescription},
		{"help", rule.Help},
	} {
		if d.text == nil || strings.TrimSpace(d.text.Text) == "" {
			fail("%s (%s) has no %s.text", at, rule.ID, d.name)
		}
	}
	var tags []string
	if raw, ok := rule.Properties["tags"]; ok {
		if err := json.Unmarshal(raw, &tags); err != nil {
			fail("%s (%s): properties.tags: %v", at, rule.ID, err)
		}
	}
	if len(tags) > 20 {
		fail("%s (%s) has %d tags, GitHub reads at most 20", at, rule.ID, len(tags))
	}
	raw, ok := rule.Properties["security-severity"]
	if !ok {
		return
	}
	var sev string
	if err := json.Unmarshal(raw, &sev); err != nil || raw[0] != '"' {
		fail("%s (%s): properties.security-severity is %s, want a string", at, rule.ID, raw)
		return
	}
	if v, err := strconv.ParseFloat(sev, 64); err != nil || v < 0 || v > 10 {
		fail("%s (%s): properties.security-severity %q is not a number from 0 to 10", at, rule.ID, sev)
	}
	if !slices.Contains(tags, "security") {
		fail("%s (%s) has a security-severity but no \"security\" tag", at, rule.ID)
	}
}

func checkResult(at string, res sarifResult, rules []sarifRule, fail func(string, ...any)) {
	switch {
	case res.RuleID == nil || *res.RuleID == "":
		fail("%s has no ruleId", at)
	case res.RuleIndex == nil:
		fail("%s (%s) has no ruleIndex", at, *res.RuleID)
	case *res.RuleIndex < 0 || *res.RuleIndex >= len(rules) || rules[*res.RuleIndex].ID != *res.RuleID:
		fail("%s: ruleIndex %d does not point to rule %s", at, *res.RuleIndex, *res.RuleID)
	}
	if res.Message == nil || res.Message.Text == "" {
		fail("%s has no message.text", at)
	}
	if len(res.Locations) != 1 {
		fail("%s has %d locations, want exactly 1", at, len(res.Locations))
	}
	for i, loc := range res.Locations {
		checkPhysical(fmt.Sprintf("%s.locations[%d].physicalLocation", at, i), loc, fail)
	}
	checkRelated(at, res, fail)
	for i, fix := range res.Fixes {
		for j, change := range fix.ArtifactChanges {
			cat := fmt.Sprintf("%s.fixes[%d].artifactChanges[%d]", at, i, j)
			checkArtifact(cat+".artifactLocation", change.ArtifactLocation, fail)
			for k, rep := range change.Replacements {
				if len(rep.InsertedContent) == 0 || string(rep.InsertedContent) == "null" {
					fail("%s.replacements[%d] has no insertedContent (reviewdog needs one, even empty)", cat, k)
				}
			}
		}
	}
}

// checkPhysical checks that a location has a physical location in the repository with a start line.
func checkPhysical(at string, loc sarifLocation, fail func(string, ...any)) {
	pl := loc.PhysicalLocation
	if pl == nil {
		fail("%s is missing", at)
		return
	}
	checkArtifact(at+".artifactLocation", pl.ArtifactLocation, fail)
	if pl.Region == nil || pl.Region.StartLine < 1 {
		fail("%s.region.startLine is missing or below 1", at)
	}
}

// sarifLinkRE finds the embedded links of a message text (SARIF §3.11.6) whose target is a
// location id: [text](N), where the text's brackets and backslashes are escaped by a backslash and
// the opening bracket is not itself escaped.
var sarifLinkRE = regexp.MustCompile(`(?:^|[^\\])(?:\\\\)*\[((?:[^\\\[\]]|\\.)*)\]\((\d+)\)`)

// checkRelated checks a result's related locations as privlint writes them and GitHub code scanning
// links to them: each has a unique id, a message and a physical location in the repository, the
// message of the result links to each, and every link of the message names one.
func checkRelated(at string, res sarifResult, fail func(string, ...any)) {
	ids := map[int]bool{}
	for i, loc := range res.RelatedLocations {
		rat := fmt.Sprintf("%s.relatedLocations[%d]", at, i)
		switch {
		case loc.ID == nil:
			fail("%s has no id: the message cannot link to it", rat)
		case ids[*loc.ID]:
			fail("%s has the id %d of another related location", rat, *loc.ID)
		default:
			ids[*loc.ID] = true
		}
		if loc.Message == nil || loc.Message.Text == "" {
			fail("%s has no message.text", rat)
		}
		checkPhysical(rat+".physicalLocation", loc, fail)
	}
	if res.Message == nil {
		return
	}
	linked := map[int]bool{}
	for _, m := range sarifLinkRE.FindAllStringSubmatch(res.Message.Text, -1) {
		id, err := strconv.Atoi(m[2])
		if err != nil || !ids[id] {
			fail("%s.message.text links to %s, which no related location has as its id", at, m[2])
			continue
		}
		linked[id] = true
	}
	for _, loc := range res.RelatedLocations {
		if loc.ID != nil && !linked[*loc.ID] {
			fail("%s.message.text does not link to related location %d", at, *loc.ID)
		}
	}
}

// checkArtifact checks that an artifact location is a relative, slash-separated uri under a
// uriBaseId.
func checkArtifact(at string, a *sarifArtifact, fail func(string, ...any)) {
	if a == nil || a.URI == nil || *a.URI == "" {
		fail("%s has no uri", at)
		return
	}
	uri := *a.URI
	if a.URIBaseID == "" {
		fail("%s (%s) has no uriBaseId", at, uri)
	}
	if strings.Contains(uri, `\`) {
		fail("%s.uri %q contains a backslash", at, uri)
	}
	u, err := url.Parse(uri)
	switch {
	case err != nil:
		fail("%s.uri %q is not a URI reference: %v", at, uri, err)
	case u.IsAbs() || u.Host != "" || strings.HasPrefix(u.Path, "/"):
		fail("%s.uri %q is not relative", at, uri)
	case u.Path == ".." || strings.HasPrefix(u.Path, "../"):
		fail("%s.uri %q leaves its uriBaseId", at, uri)
	}
}
