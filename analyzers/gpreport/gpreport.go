// Package gpreport extracts the user right assignments that Group Policy reports describe: the XML
// that Get-GPOReport -ReportType Xml and the Group Policy Management Console write (gpreport.xml).
//
// A report lists, per GPO, each configured right as a UserRightsAssignment element with its Name
// and one Member per account holding it, the account by SID, by name, or both; every right it lists
// is a set. Elements are matched by local name, whatever namespace prefix (q1:, q2:, ...) the report
// gives them. Reports saved as UTF-16 declare encoding="utf-16"; package source has decoded them
// already, so the decoder reads the declared encoding as the text it is given. An XML file without
// a UserRightsAssignment element is not read at all.
package gpreport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
)

// Via names the form in assignments.
const Via = "GPO report"

// Text is the character data of an element, read from a decoder's tokens, each byte mapped to the
// source.
type Text struct {
	b value.Builder
	t *value.Text // built on first use
}

// Add appends the character data decoded from raw, written at [start, end). The decoder turns CRLF
// and bare CR into LF, which still maps byte by byte; where entities or CDATA sections make the
// decoded text differ otherwise, every byte maps to the whole run.
func (t *Text) Add(decoded, raw []byte, start, end int) {
	n := t.b.Len()
	i, j := 0, 0
	for i < len(raw) && j < len(decoded) {
		switch {
		case raw[i] == '\r' && decoded[j] == '\n':
			w := 1
			if i+1 < len(raw) && raw[i+1] == '\n' {
				w = 2
			}
			t.b.Byte('\n', start+i, start+i+w, false)
			i += w
		case raw[i] == decoded[j]:
			t.b.Byte(raw[i], start+i, start+i+1, false)
			i++
		default:
			i = len(raw) + 1 // a mismatch: stop
		}
		j++
	}
	if i != len(raw) || j != len(decoded) {
		t.b.Truncate(n)
		for _, c := range decoded {
			t.b.Byte(c, start, end, false)
		}
	}
}

func (t *Text) text() value.Text {
	if t.t == nil {
		done := t.b.Done(0)
		t.t = &done
	}
	return *t.t
}

// Value returns the text without surrounding blanks and the span it was read from.
func (t *Text) Value() (s string, start, end int) {
	v := t.trimmed()
	start, end = v.Span(0, v.Len())
	return v.S, start, end
}

// trimmed returns the text without surrounding blanks.
func (t *Text) trimmed() value.Text {
	text := t.text()
	return text.Slice(value.TrimBlanks(text.S, 0, text.Len()))
}

// Decoded returns all of the element's character data, mapped to the source.
func (t *Text) Decoded() value.Text { return t.text() }

type member struct{ sid, name Text }

type rights struct {
	name    Text
	members []member // the first assign.MaxAccounts
	more    int      // where the first member past them starts; 0 when there is none
}

// Extract reads f.Text as a GPO report and returns the assignments it describes, with positions in
// f. A report that is not well-formed XML is a problem at the place it breaks, and reading resumes
// at the next UserRightsAssignment element.
func Extract(f *source.File) []assign.Assignment {
	if !bytes.Contains(f.Text, []byte("UserRightsAssignment")) {
		return nil
	}
	var (
		out    []assign.Assignment
		stack  []string
		gpos   []int
		cur    *rights
		mem    *member
		target *Text // the element whose text is read
	)
	for tok := range Tokens(f, "GPO report", "UserRightsAssignment") {
		if tok.Resumed {
			stack, cur, mem, target = nil, nil, nil, nil
		}
		off := tok.Start
		switch t := tok.Token.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, t.Name.Local)
			target = nil
			switch name := t.Name.Local; {
			case name == "GPO":
				gpos = append(gpos, off)
			case name == "UserRightsAssignment":
				cur, mem = &rights{}, nil
			case cur != nil && name == "Member" && parent == "UserRightsAssignment":
				if len(cur.members) < assign.MaxAccounts {
					mem = &member{}
				} else if cur.more == 0 {
					cur.more = off
				}
			case cur != nil && name == "Name" && parent == "UserRightsAssignment":
				target = &cur.name
			case mem != nil && name == "SID" && parent == "Member":
				target = &mem.sid
			case mem != nil && name == "Name" && parent == "Member":
				target = &mem.name
			}
		case xml.CharData:
			if target != nil {
				target.Add(t, f.Text[off:tok.End], off, tok.End)
			}
		case xml.EndElement:
			target = nil
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch t.Name.Local {
			case "GPO":
				if len(gpos) > 0 {
					gpos = gpos[:len(gpos)-1]
				}
			case "Member":
				if cur != nil && mem != nil {
					cur.members = append(cur.members, *mem)
					mem = nil
				}
			case "UserRightsAssignment":
				if cur != nil {
					if name, _, _ := cur.name.Value(); name != "" {
						out = append(out, assignment(f, cur, gpos))
					}
				}
				cur = nil
			}
		}
	}
	return out
}

// assignment returns the set a UserRightsAssignment element describes, its accounts read by
// assign.Reader. A member is read by its SID when it has one (the checker names the account), by
// its name otherwise.
func assignment(f *source.File, r *rights, gpos []int) assign.Assignment {
	scope := "gporeport"
	if len(gpos) > 0 {
		scope = fmt.Sprintf("gpo@%d", gpos[len(gpos)-1])
	}
	right, start, end := r.name.Value()
	a := assign.Assignment{Right: right, Pos: f.Pos(start), End: f.Pos(end), Op: assign.Set, Via: Via, Scope: scope}
	members := value.Value{Kind: value.List, Cut: r.more > 0, CutAt: r.more}
	for _, m := range r.members {
		t := m.sid.trimmed()
		if t.Len() == 0 {
			t = m.name.trimmed()
		}
		if t.Len() > 0 {
			members.Append(value.Value{Kind: value.Str, Text: t})
		}
	}
	a.Accounts, a.Truncated = assign.Accounts(f, members)
	return a
}

// NewDecoder returns an XML decoder of text that package source has already decoded to UTF-8: it
// reads any encoding the declaration names (utf-16 in reports saved by PowerShell) as that text.
func NewDecoder(text []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(text))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// Describe renders a decoding error without the line number the XML decoder counts, which
// differs from privlint's when lines end with a bare CR.
func Describe(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}
