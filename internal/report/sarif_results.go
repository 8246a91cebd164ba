package report

import (
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// FindingHashKey names privlint's own partial fingerprint in SARIF (Finding.FindingHash).
const FindingHashKey = "privlintFindingHash/v2"

// FindingHashKeyV1 names the partial fingerprint releases before privlintFindingHash/v2 wrote:
// --baseline still reads it.
const FindingHashKeyV1 = "privlintFindingHash/v1"

// sarifResult is one SARIF result as the log writes it: fields in the order of their names, and
// only those privlint sets, so that encoding it gives what encoding go-sarif's result and tidying it
// gives (which the tests check), without going through go-sarif's objects and a decoded map per
// result.
type sarifResult struct {
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level"`
	Locations           []sarifLocation   `json:"locations"`
	Message             sarifText         `json:"message"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Properties          map[string]string `json:"properties,omitempty"`
	RelatedLocations    []sarifRelated    `json:"relatedLocations,omitempty"`
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Suppressions        []sarifSuppressed `json:"suppressions,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

// sarifRelated is a related location: its id (what the message's links name), its message and where.
type sarifRelated struct {
	ID               int           `json:"id"`
	Message          sarifText     `json:"message"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactRef `json:"artifactLocation"`
	Region           sarifRegionOut   `json:"region"`
}

type sarifArtifactRef struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegionOut is a region; a column or end line of 0 is not known and left out.
type sarifRegionOut struct {
	EndColumn   int `json:"endColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	StartColumn int `json:"startColumn,omitempty"`
	StartLine   int `json:"startLine"`
}

type sarifFix struct {
	ArtifactChanges []sarifChange `json:"artifactChanges"`
	Description     sarifText     `json:"description"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifactRef   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegionOut `json:"deletedRegion"`
	InsertedContent sarifText      `json:"insertedContent"` // always written, its text possibly empty: reviewdog reads it without checking
}

type sarifSuppressed struct {
	Justification string `json:"justification"`
	Kind          string `json:"kind"`
	Status        string `json:"status"`
}

// sarifResultOf returns the result for f, whose rule is at ruleIndex in the run's tool.driver.rules:
// ruleId, level, message (linking to the related locations), one location with a %SRCROOT%-relative
// uri and a UTF-16 region, the related locations (ids from 1, in order, located as the location is),
// the partial fingerprints, the properties privilege, account, sid, class and operation when known,
// suppressions and fixes.
func sarifResultOf(f *Finding, ruleIndex int) sarifResult {
	artifact := sarifArtifactOf(f.Path)
	res := sarifResult{
		Kind:      "fail",
		Level:     string(f.level()),
		Locations: []sarifLocation{{sarifPhysical{artifact, sarifRegionOf(f.Start, f.End)}}},
		Message:   sarifText{sarifMessageText(f)},
		RuleID:    f.Rule.ID,
		RuleIndex: ruleIndex,
	}
	for i, r := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, sarifRelated{
			ID: i + 1, Message: sarifText{r.Message},
			PhysicalLocation: sarifPhysical{sarifArtifactOf(r.Path), sarifRegionOf(r.Start, r.End)},
		})
	}
	if f.Fingerprint != "" || f.FindingHash != "" {
		res.PartialFingerprints = map[string]string{}
		if f.Fingerprint != "" {
			res.PartialFingerprints["primaryLocationLineHash"] = f.Fingerprint
		}
		if f.FindingHash != "" {
			res.PartialFingerprints[FindingHashKey] = f.FindingHash
		}
	}
	for _, p := range []struct{ key, value string }{
		{"privilege", f.Privilege},
		{"account", f.Account},
		{"sid", f.SID},
		{"class", f.Class},
		{"operation", f.Operation},
	} {
		if p.value != "" {
			if res.Properties == nil {
				res.Properties = map[string]string{}
			}
			res.Properties[p.key] = p.value
		}
	}
	if f.Suppression != nil {
		res.Suppressions = []sarifSuppressed{{Justification: f.Suppression.Justification, Kind: f.Suppression.Kind, Status: "accepted"}}
	}
	for _, fix := range f.Fixes {
		if len(fix.Edits) == 0 {
			continue // SARIF requires at least one change
		}
		change := sarifChange{ArtifactLocation: artifact}
		for _, e := range fix.Edits {
			change.Replacements = append(change.Replacements, sarifReplacement{
				DeletedRegion: sarifRegionOf(e.Start, e.End), InsertedContent: sarifText{e.New}})
		}
		res.Fixes = append(res.Fixes, sarifFix{ArtifactChanges: []sarifChange{change}, Description: sarifText{fix.Description}})
	}
	return res
}

// sarifMessageText is the message.text of f's result: the message, then, for each related location,
// " ([WHAT](ID))", an embedded link (SARIF §3.11.6) that GitHub code scanning shows as WHAT
// linked to the location with that id; other readers show the brackets as they are. In a message
// with links, every square bracket of the text (link text or not) is escaped with a backslash, as
// SARIF requires, so that no text from a scanned file can end a link or forge one, and so is a
// backslash before a bracket or at the end of a link text. A message without related locations
// is written as it is.
func sarifMessageText(f *Finding) string {
	if len(f.Related) == 0 {
		return f.Message
	}
	var b strings.Builder
	sarifLinkEscape(&b, f.Message, false)
	for i, r := range f.Related {
		b.WriteString(" ([")
		sarifLinkEscape(&b, r.Message, true)
		fmt.Fprintf(&b, "](%d))", i+1)
	}
	return b.String()
}

// sarifLinkEscape writes s with its square brackets escaped by a backslash, and a backslash escaped
// where it would escape what follows: before a bracket, or at the end of a link text.
func sarifLinkEscape(b *strings.Builder, s string, link bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[' || c == ']':
			b.WriteByte('\\')
		case c == '\\' && (i+1 < len(s) && (s[i+1] == '[' || s[i+1] == ']') || link && i+1 == len(s)):
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
}

// sarifArtifactOf is sarifArtifact as a sarifResult holds it.
func sarifArtifactOf(path string) sarifArtifactRef {
	if uri, ok := fileURI(path); ok {
		return sarifArtifactRef{URI: uri}
	}
	return sarifArtifactRef{URI: pathURI(path), URIBaseID: SARIFSourceRoot}
}

// sarifRegionOf is the region from start to end (exclusive) with UTF-16 columns. A start line below 1
// (a finding about the whole file) becomes line 1, as GitHub reads a missing region; an end before
// the start, or a column that is not known, is left out.
func sarifRegionOf(start, end Position) sarifRegionOut {
	reg := sarifRegionOut{StartLine: max(start.Line, 1)}
	if start.Line < 1 {
		return reg
	}
	if start.Col16 > 0 {
		reg.StartColumn = start.Col16
	}
	if end.Line > start.Line || (end.Line == start.Line && end.Col16 >= start.Col16) {
		reg.EndLine = end.Line
		if end.Col16 > 0 && start.Col16 > 0 {
			reg.EndColumn = end.Col16
		}
	}
	return reg
}

// sarifNotification converts a notification to a tool execution notification.
func sarifNotification(n *Notification) *sarif.Notification {
	out := sarif.NewNotification().
		WithLevel(string(n.level())).
		WithMessage(sarif.NewTextMessage(n.Message))
	if n.Path != "" {
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarifArtifact(n.Path))
		if n.Line > 0 {
			// Notification columns count bytes: SARIF's are UTF-16, so the column is left out.
			loc.WithRegion(sarif.NewRegion().WithStartLine(n.Line))
		}
		out.AddLocation(sarif.NewLocation().WithPhysicalLocation(loc))
	}
	return out
}

// sarifArtifact locates the file at the slash-separated path: under %SRCROOT% when the path is
// relative, by a file: URI when it is absolute (a file outside the working directory).
func sarifArtifact(path string) *sarif.ArtifactLocation {
	if uri, ok := fileURI(path); ok {
		return sarif.NewArtifactLocation().WithURI(uri)
	}
	return sarif.NewArtifactLocation().WithURI(pathURI(path)).WithURIBaseID(SARIFSourceRoot)
}

// fileURI is the file: URI of an absolute slash-separated path (/x, //host/share/x or C:/x), or false
// when the path is relative.
func fileURI(path string) (string, bool) {
	switch {
	case strings.HasPrefix(path, "//"):
		return "file:" + pathURI(path), true
	case strings.HasPrefix(path, "/"):
		return "file://" + pathURI(path), true
	case len(path) >= 3 && path[1] == ':' && path[2] == '/' &&
		(path[0] >= 'A' && path[0] <= 'Z' || path[0] >= 'a' && path[0] <= 'z'):
		return "file:///" + path[:2] + pathURI(path[2:]), true
	}
	return "", false
}

// pathURI turns a relative slash-separated path into a relative URI reference: every byte that may not
// appear as is in a URI path is percent-encoded, and so is ':' (which would make the first segment
// read as a scheme) and '%'. Paths of letters, digits and -._~/ stay as they are.
func pathURI(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("-._~/!$&'()*+,;=@", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
