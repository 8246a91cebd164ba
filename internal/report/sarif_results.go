package report

import (
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// FindingHashKey names privlint's own partial fingerprint in SARIF (Finding.FindingHash).
const FindingHashKey = "privlintFindingHash/v2"

// FindingHashKeyV1 names the partial fingerprint releases before privlintFindingHash/v2 wrote:
// --baseline still reads it.
const FindingHashKeyV1 = "privlintFindingHash/v1"

// addSARIFResult adds the result for f to the run, whose driver already lists f's rule.
func addSARIFResult(run *sarif.Run, f *Finding) {
	res := run.CreateResultForRule(f.Rule.ID).
		WithLevel(string(f.level())).
		WithMessage(sarif.NewTextMessage(f.Message)).
		AddLocation(sarif.NewLocation().WithPhysicalLocation(sarif.NewPhysicalLocation().
			WithArtifactLocation(sarifArtifact(f.Path)).
			WithRegion(sarifRegion(f.Start, f.End))))
	fps := map[string]string{}
	if f.Fingerprint != "" {
		fps["primaryLocationLineHash"] = f.Fingerprint
	}
	if f.FindingHash != "" {
		fps[FindingHashKey] = f.FindingHash
	}
	if len(fps) > 0 {
		res.WithPartialFingerprints(fps)
	}
	props := sarif.NewPropertyBag()
	for _, p := range []struct{ key, value string }{
		{"privilege", f.Privilege},
		{"account", f.Account},
		{"sid", f.SID},
		{"class", f.Class},
		{"operation", f.Operation},
	} {
		if p.value != "" {
			props.Add(p.key, p.value)
		}
	}
	res.WithProperties(props)
	if f.Suppression != nil {
		res.WithSuppressions([]*sarif.Suppression{sarif.NewSuppression().
			WithKind(f.Suppression.Kind).WithStatus("accepted").WithJustification(f.Suppression.Justification)})
	}
	for _, fix := range f.Fixes {
		if len(fix.Edits) == 0 {
			continue // SARIF requires at least one change
		}
		change := sarif.NewArtifactChange().WithArtifactLocation(sarifArtifact(f.Path))
		for _, e := range fix.Edits {
			// insertedContent is always written, its text possibly empty: reviewdog reads it
			// without checking that it is there.
			change.AddReplacement(sarif.NewReplacement().
				WithDeletedRegion(sarifRegion(e.Start, e.End)).
				WithInsertedContent(sarif.NewArtifactContent().WithText(e.New)))
		}
		res.AddFixe(sarif.NewFix().
			WithDescription(sarif.NewTextMessage(fix.Description)).
			AddArtifactChange(change))
	}
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

// sarifRegion is the region from start to end (exclusive) with UTF-16 columns. A start line below 1
// (a finding about the whole file) becomes line 1, as GitHub reads a missing region; an end before
// the start, or a column that is not known, is left out.
func sarifRegion(start, end Position) *sarif.Region {
	reg := sarif.NewRegion().WithStartLine(max(start.Line, 1))
	if start.Line < 1 {
		return reg
	}
	if start.Col16 > 0 {
		reg.WithStartColumn(start.Col16)
	}
	if end.Line > start.Line || (end.Line == start.Line && end.Col16 >= start.Col16) {
		reg.WithEndLine(end.Line)
		if end.Col16 > 0 && start.Col16 > 0 {
			reg.WithEndColumn(end.Col16)
		}
	}
	return reg
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
