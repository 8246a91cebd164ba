package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/privlint/privlint/internal/escape"
)

// JSONSchemaVersion is the version of the JSON output's schema. It changes only when a field is
// removed or changes meaning; new fields may appear without a change.
const JSONSchemaVersion = 1

// JSON writes the result as one JSON document, indented by two spaces and ending in a newline:
//
//	{
//	  "schema_version": 1,              // JSONSchemaVersion
//	  "version": "1.2.3",               // privlint's version ("devel" for a development build)
//	  "files_scanned": 12,
//	  "findings": [{
//	    "rule": "PL1001",               // rule ID, stable forever
//	    "name": "impersonate-outside-safe-set",
//	    "level": "error",               // error | warning | note: the level in force
//	    "path": "gpo/GptTmpl.inf",      // relative to the working directory when under it, forward slashes
//	    "start": {"line": 7, "column": 26, "column_utf16": 25},
//	    "end": {"line": 7, "column": 44, "column_utf16": 42},
//	    "message": "...",
//	    "privilege": "SeImpersonatePrivilege",
//	    "account": "CONTOSO\\svc-web",  // as written, after quote removal and variable resolution
//	    "sid": "",                      // the SID when known
//	    "class": "specific",            // broad-group, specific, exception:<component>, unresolved, ...
//	    "operation": "grant",           // grant or set
//	    "fingerprint": "5b1c0e2f8a9d4c3e:1", // GitHub's primaryLocationLineHash of the start line
//	    "finding_hash": "9f2c4e1a0b3d5c7e:1", // privlint's hash: rule, right, account, line text; baselines use it
//	    "fixes": [{
//	      "description": "...",
//	      "edits": [{"start": {...}, "end": {...}, "start_offset": 120, "end_offset": 136, "new_text": ""}]
//	    }],
//	    "related": [{                   // other places that explain the finding, in order (see below)
//	      "path": "scripts/install.ps1", "start": {...}, "end": {...}, "message": "call of Grant-Rights"
//	    }],
//	    "suppression": null             // with --show-suppressed: {"kind": "inSource"|"external", "justification": "..."}
//	  }],
//	  "notifications": [{"level": "warning", "path": "a.inf", "line": 0, "column": 0, "message": "..."}]
//	}
//
// Lines and columns are 1-based. "column" counts bytes of the file's text decoded to UTF-8 and
// "column_utf16" counts UTF-16 code units; an end position is exclusive. Edit offsets are byte offsets
// in that decoded text. "related" lists the steps by which the account's value reached the grant
// (each call that bound a parameter, outermost first) or, for a duplicate assignment, the first
// assignment; a related location's path may name another file than the finding's, and is shown as
// "path" is. A notification's line and column are 0 when it concerns the whole file. Every
// field is always present: strings may be empty, arrays are never null. Findings are in the order of
// Result.Findings (path, line, column, rule after Result.Sort). Strings hold the exact text, with
// one exception: each byte that is not valid UTF-8 (a file name or file in another encoding) is
// U+FFFD. Characters that are not printable are written as \u escapes (see escape.JSON).
type JSON struct{}

type jsonReport struct {
	SchemaVersion int                `json:"schema_version"`
	Version       string             `json:"version"`
	FilesScanned  int                `json:"files_scanned"`
	Findings      []jsonFinding      `json:"findings"`
	Notifications []jsonNotification `json:"notifications"`
}

type jsonPosition struct {
	Line        int `json:"line"`
	Column      int `json:"column"`
	ColumnUTF16 int `json:"column_utf16"`
}

type jsonFinding struct {
	Rule        string        `json:"rule"`
	Name        string        `json:"name"`
	Level       string        `json:"level"`
	Path        string        `json:"path"`
	Start       jsonPosition  `json:"start"`
	End         jsonPosition  `json:"end"`
	Message     string        `json:"message"`
	Privilege   string        `json:"privilege"`
	Account     string        `json:"account"`
	SID         string        `json:"sid"`
	Class       string        `json:"class"`
	Operation   string        `json:"operation"`
	Fingerprint string        `json:"fingerprint"`
	FindingHash string        `json:"finding_hash"`
	Fixes       []jsonFix     `json:"fixes"`
	Related     []jsonRelated `json:"related"`
	Suppression *Suppression  `json:"suppression"`
}

type jsonRelated struct {
	Path    string       `json:"path"`
	Start   jsonPosition `json:"start"`
	End     jsonPosition `json:"end"`
	Message string       `json:"message"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start       jsonPosition `json:"start"`
	End         jsonPosition `json:"end"`
	StartOffset int          `json:"start_offset"`
	EndOffset   int          `json:"end_offset"`
	NewText     string       `json:"new_text"`
}

type jsonNotification struct {
	Level   string `json:"level"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Format implements Formatter. The findings and notifications are written one at a time, so
// that no more than one of them is held in its JSON form.
func (JSON) Format(w io.Writer, r *Result) error {
	head := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Version:       r.version(),
		FilesScanned:  r.FilesScanned,
		Findings:      []jsonFinding{},
		Notifications: []jsonNotification{},
	}
	var doc bytes.Buffer
	enc := json.NewEncoder(&doc)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return err
	}
	return streamArrays(w, doc.Bytes(), "  ", "  ", []streamedArray{
		{"findings", len(r.Findings), func(i int) (any, error) { return jsonFindingOf(&r.Findings[i]), nil }},
		{"notifications", len(r.Notifications), func(i int) (any, error) {
			n := &r.Notifications[i]
			return jsonNotification{Level: string(n.level()), Path: n.Path, Line: n.Line, Column: n.Col, Message: n.Message}, nil
		}},
	})
}

// streamedArray is an array of a JSON document that streamArrays writes element by element.
type streamedArray struct {
	key  string
	n    int
	elem func(i int) (any, error)
}

// streamArrays writes doc, an indented JSON document whose arrays listed are empty (written as
// `"key": []` on a line of their own at the indentation given), with each array's elements in it,
// encoded one at a time as encoding/json would have indented them inside the document. The output is
// the same as encodeJSON gives for the whole document at once (escape.JSON applies to each part); only one
// element is ever held encoded.
func streamArrays(w io.Writer, doc []byte, at, indent string, arrays []streamedArray) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(at+indent, indent)
	for _, a := range arrays {
		marker := []byte("\n" + at + `"` + a.key + `": [`)
		i := bytes.Index(doc, append(marker, ']'))
		if i < 0 {
			return fmt.Errorf("report: no empty %q array to stream into", a.key)
		}
		i += len(marker)
		if _, err := w.Write(escape.JSON(doc[:i])); err != nil {
			return err
		}
		doc = doc[i:]
		for k := range a.n {
			buf.Reset()
			if k > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n" + at + indent)
			v, err := a.elem(k)
			if err != nil {
				return err
			}
			if err := enc.Encode(v); err != nil {
				return err
			}
			buf.Truncate(buf.Len() - 1) // the encoder's newline
			if _, err := w.Write(escape.JSON(buf.Bytes())); err != nil {
				return err
			}
		}
		if a.n > 0 {
			if _, err := io.WriteString(w, "\n"+at); err != nil {
				return err
			}
		}
	}
	_, err := w.Write(escape.JSON(doc))
	return err
}

func jsonFindingOf(f *Finding) jsonFinding {
	out := jsonFinding{
		Rule:        f.Rule.ID,
		Name:        f.Rule.Name,
		Level:       string(f.level()),
		Path:        f.Path,
		Start:       jsonPositionOf(f.Start),
		End:         jsonPositionOf(f.End),
		Message:     f.Message,
		Privilege:   f.Privilege,
		Account:     f.Account,
		SID:         f.SID,
		Class:       f.Class,
		Operation:   f.Operation,
		Fingerprint: f.Fingerprint,
		FindingHash: f.FindingHash,
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
		Related:     make([]jsonRelated, 0, len(f.Related)),
		Suppression: f.Suppression,
	}
	for _, r := range f.Related {
		out.Related = append(out.Related, jsonRelated{Path: r.Path, Start: jsonPositionOf(r.Start), End: jsonPositionOf(r.End), Message: r.Message})
	}
	for _, fix := range f.Fixes {
		jf := jsonFix{Description: fix.Description, Edits: make([]jsonEdit, 0, len(fix.Edits))}
		for _, e := range fix.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{
				Start: jsonPositionOf(e.Start), End: jsonPositionOf(e.End),
				StartOffset: e.StartOffset, EndOffset: e.EndOffset, NewText: e.New,
			})
		}
		out.Fixes = append(out.Fixes, jf)
	}
	return out
}

func jsonPositionOf(p Position) jsonPosition {
	return jsonPosition{Line: p.Line, Column: p.Col, ColumnUTF16: p.Col16}
}

// encodeJSON writes v as JSON ending in a newline, indented by indent (none when empty), made safe
// to print by escape.JSON: what it decodes to is exact, except that each byte of a string that is
// not valid UTF-8 (a file name in another encoding) is U+FFFD, as encoding/json writes it. HTML
// escaping is off: it only matters for JSON pasted into an HTML script element, and would write
// the accounts' < > & as \u003c and the like for every other reader.
func encodeJSON(w io.Writer, v any, indent string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escape.JSON(buf.Bytes()))
	return err
}
