package report

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/privlint/privlint/rules"
)

// The files behind the sample result.
const (
	sampleINF = "[Unicode]\nUnicode=yes\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n[Privilege Rights]\n" +
		"SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,CONTOSO\\svc-web\n" +
		"SeAssignPrimaryTokenPrivilege = CONTOSO\\Jürgen𝒜,*S-1-1-0\n"
	samplePS1 = "param($acct)\n# grant the service account\nntrights.exe +r SeImpersonatePrivilege -u $acct\n"
)

// span locates the first sub in line (1-based) of text: its start and end positions and offsets.
func span(t *testing.T, text string, line int, sub string) (start, end Position, startOff, endOff int) {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	off := 0
	for _, l := range lines[:line-1] {
		off += len(l)
	}
	i := strings.Index(lines[line-1], sub)
	if i < 0 {
		t.Fatalf("%q is not in line %d", sub, line)
	}
	at := func(col int) Position {
		return Position{Line: line, Col: col + 1, Col16: len(utf16.Encode([]rune(lines[line-1][:col]))) + 1}
	}
	return at(i), at(i + len(sub)), off + i, off + i + len(sub)
}

// sampleResult is a scan's result with findings of several rules: one with a fix, one after and one
// on a non-ASCII account (so UTF-16 columns differ from byte columns), one in a path with a space and
// at the rule's default level, and notifications with and without a line.
func sampleResult(t *testing.T) *Result {
	t.Helper()
	infHashes, ps1Hashes := LineHashes([]byte(sampleINF)), LineHashes([]byte(samplePS1))

	webStart, webEnd, _, _ := span(t, sampleINF, 7, `CONTOSO\svc-web`)
	// The fix removes the account and the comma before it.
	delStart, delEnd, delFrom, delTo := span(t, sampleINF, 7, `,CONTOSO\svc-web`)
	jStart, jEnd, _, _ := span(t, sampleINF, 8, `CONTOSO\Jürgen𝒜`)
	eStart, eEnd, _, _ := span(t, sampleINF, 8, `*S-1-1-0`)
	aStart, aEnd, _, _ := span(t, samplePS1, 3, `$acct`)

	r := &Result{
		FilesScanned: 3,
		Version:      "1.2.3",
		Findings: []Finding{
			{
				Rule: rules.MustLookup(rules.UnresolvedAccount), Path: "scripts/grant rights.ps1",
				Start: aStart, End: aEnd,
				Message:   "SeImpersonatePrivilege is given to $acct, which privlint cannot resolve",
				Privilege: "SeImpersonatePrivilege", Account: "$acct", Class: "unresolved", Operation: "grant",
				Fingerprint: ps1Hashes[2],
			},
			{
				Rule: rules.MustLookup(rules.BroadGroup), Level: rules.LevelError, Path: "gpo/GptTmpl.inf",
				Start: eStart, End: eEnd,
				Message:   "SeAssignPrimaryTokenPrivilege is given to Everyone",
				Privilege: "SeAssignPrimaryTokenPrivilege", Account: "*S-1-1-0", SID: "S-1-1-0",
				Class: "broad-group", Operation: "set", Fingerprint: infHashes[7],
			},
			{
				Rule: rules.MustLookup(rules.AssignTokenOutsideSafeSet), Level: rules.LevelError, Path: "gpo/GptTmpl.inf",
				Start: jStart, End: jEnd,
				Message:   "SeAssignPrimaryTokenPrivilege is given to CONTOSO\\Jürgen𝒜, outside the safe set",
				Privilege: "SeAssignPrimaryTokenPrivilege", Account: "CONTOSO\\Jürgen𝒜", Class: "specific",
				Operation: "set", Fingerprint: infHashes[7],
			},
			{
				Rule: rules.MustLookup(rules.ImpersonateOutsideSafeSet), Level: rules.LevelError, Path: "gpo/GptTmpl.inf",
				Start: webStart, End: webEnd,
				Message:   "SeImpersonatePrivilege is given to CONTOSO\\svc-web, outside the safe set",
				Privilege: "SeImpersonatePrivilege", Account: "CONTOSO\\svc-web", Class: "specific",
				Operation: "set", Fingerprint: infHashes[6],
				Fixes: []Fix{{
					Description: "Remove CONTOSO\\svc-web from the list",
					Edits:       []Edit{{StartOffset: delFrom, EndOffset: delTo, Start: delStart, End: delEnd, New: ""}},
				}},
			},
		},
		Notifications: []Notification{
			{Level: rules.LevelWarning, Path: "scripts/broken.ps1", Line: 12, Col: 5, Message: "unterminated here-string: the rest of the file is not checked"},
			{Level: rules.LevelNote, Path: "big/secedit-export.inf", Message: "file larger than 8 MiB: not scanned"},
		},
	}
	r.Sort()
	return r
}
