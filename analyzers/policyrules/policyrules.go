// Package policyrules extracts the user right assignments of Policy Analyzer rule files
// (.PolicyRules), the XML form of the Microsoft security baselines.
//
// Each <SecurityTemplate Section="Privilege Rights"> element holds LineItem elements written as
// lines of a security template (`SeImpersonatePrivilege = *S-1-5-19,...`); every line item is read
// by package inf as the only line of a [Privilege Rights] section, positions mapped back into the
// XML (line ends the XML decoder normalizes included). In a line item written with entity or
// character references, or CDATA sections, every position maps to the whole of it, and accounts
// carry no removal edit. All line items of a file share one scope: a right listed twice
// is a duplicate.
package policyrules

import (
	"encoding/xml"
	"strings"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/gpreport"
	"github.com/privlint/privlint/analyzers/inf"
	"github.com/privlint/privlint/analyzers/source"
)

// Extract reads f.Text as a Policy Analyzer rule file and returns its assignments, with positions
// in f. A file that is not well-formed XML is a problem at the place it breaks, and reading resumes
// at the next SecurityTemplate element.
func Extract(f *source.File) []assign.Assignment {
	var (
		out        []assign.Assignment
		privileges bool           // inside <SecurityTemplate Section="Privilege Rights">
		item       *gpreport.Text // the LineItem being read
	)
	for tok := range gpreport.Tokens(f, "rule file", "SecurityTemplate") {
		if tok.Resumed {
			privileges, item = false, nil
		}
		off := tok.Start
		switch t := tok.Token.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "SecurityTemplate":
				privileges = false
				for _, a := range t.Attr {
					if a.Name.Local == "Section" && strings.EqualFold(strings.TrimSpace(a.Value), inf.SectionName) {
						privileges = true
					}
				}
			case "LineItem":
				if privileges {
					item = &gpreport.Text{}
				}
			}
		case xml.CharData:
			if item != nil {
				item.Add(t, f.Text[off:tok.End], off, tok.End)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "SecurityTemplate":
				privileges = false
			case "LineItem":
				if item != nil {
					out = append(out, lineItem(f, item)...)
				}
				item = nil
			}
		}
	}
	return out
}

// lineItem reads one line item as a template line (inf.ExtractSection): its accounts carry removal
// edits only where the item is written as it reads.
func lineItem(f *source.File, item *gpreport.Text) []assign.Assignment {
	text := item.Decoded()
	if strings.TrimSpace(text.S) == "" {
		return nil
	}
	as := inf.ExtractSection(f, text)
	for i := range as {
		as[i].Scope = "policyrules"
	}
	return as
}
