package inf

import (
	"fmt"
	"strings"
	"testing"
)

// render shows a template's entries as "key@start=[acct@start ...]" and its problems, for table tests.
func render(text string, t *Template) string {
	var b strings.Builder
	for _, e := range t.Entries {
		fmt.Fprintf(&b, "%s@%d=[", text[e.KeyStart:e.KeyEnd], e.KeyStart)
		for i, a := range e.Accounts {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s@%d", a.Text, a.Start)
		}
		b.WriteString("] ")
	}
	for _, p := range t.Problems {
		fmt.Fprintf(&b, "problem@%d ", p.Offset)
	}
	return strings.TrimSpace(b.String())
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"no section", "SeImpersonatePrivilege = *S-1-1-0\n", ""},
		{"one", "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-19,*S-1-5-20\n",
			"SeImpersonatePrivilege@19=[*S-1-5-19@44 *S-1-5-20@54]"},
		{"section case and spaces", "[ privilege RIGHTS ]\nX=a\n", "X@21=[a@23]"},
		{"crlf", "[Privilege Rights]\r\nX = a , b\r\n", "X@20=[a@24 b@28]"},
		{"bare cr", "[Privilege Rights]\rX=a\rY=b", "X@19=[a@21] Y@23=[b@25]"},
		{"empty value", "[Privilege Rights]\nX =\n", "X@19=[]"},
		{"quoted empty value", "[Privilege Rights]\nX = \"\"\n", "X@19=[]"},
		{"empty element", "[Privilege Rights]\nX = a,,b\n", "X@19=[a@23 @25 b@26]"},
		{"trailing comma", "[Privilege Rights]\nX = a,\n", "X@19=[a@23 @25]"},
		{"quoted names with commas", "[Privilege Rights]\nX = \"C\\Web, East\",*S-1-5-19\n", "X@19=[C\\Web, East@24 *S-1-5-19@37]"},
		{"duplicate keys kept", "[Privilege Rights]\nX=a\nX=b\n", "X@19=[a@21] X@23=[b@25]"},
		{"two sections", "[Privilege Rights]\nX=a\n[Other]\nY=b\n[privilege rights]\nZ=c\n", "X@19=[a@21] Z@54=[c@56]"},
		{"comments", "[Privilege Rights]\n; X=a\n# Y=b\n  ;Z=c\nW=d\n", "W@38=[d@40]"},
		{"semicolon in value is data", "[Privilege Rights]\nX=a;b\n", "X@19=[a;b@21]"},
		{"colon in value is data", "[Privilege Rights]\nX=a:b\n", "X@19=[a:b@21]"},
		{"backslash at end is data", "[Privilege Rights]\nX=a\\\nY=b\n", "X@19=[a\\@21] Y@24=[b@26]"},
		{"line without =", "[Privilege Rights]\nX\nY=a\n", "Y@21=[a@23] problem@19"},
		{"no key", "[Privilege Rights]\n=a\n", "problem@19"},
		{"unclosed header ends section", "[Privilege Rights]\n[Other\nX=a\n", "problem@19"},
		{"unparseable sections skipped", "[Service General Setting]\n\"wuauserv\",2,\"\"\n[Privilege Rights]\nX=a\n", "X@61=[a@63]"},
		{"utf8 names", "[Privilege Rights]\nX = NT-AUTORITÄT\\LOKALER DIENST,Jeder\n", "X@19=[NT-AUTORITÄT\\LOKALER DIENST@23 Jeder@52]"},
		{"go-ini disagrees", "[Privilege Rights]\nSeImpersonatePrivilege = `a`\n", "SeImpersonatePrivilege@19=[`a`@44] problem@19"},
		{"other rights not cross-checked", "[Privilege Rights]\nSeBatchLogonRight = `a`\n", "SeBatchLogonRight@19=[`a`@39]"},
		{"the dangerous pack's rights cross-checked", "[Privilege Rights]\nSeDebugPrivilege = `a`\n", "SeDebugPrivilege@19=[`a`@38] problem@19"},
		{"tab separators", "[Privilege Rights]\nX\t=\ta\t,\tb\n", "X@19=[a@23 b@27]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(tt.text, Parse([]byte(tt.text)))
			if got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-19,\"a,b\",,\n"))
	f.Add([]byte("[Privilege Rights]\r\nX=\"\r\n[Privilege Rights\rY\n=\n"))
	f.Add([]byte("[privilege rights]\nX=a\nx=a\nX=\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		tpl := Parse(text)
		for _, e := range tpl.Entries {
			if e.KeyStart >= e.KeyEnd || e.KeyEnd > len(text) || e.ValueStart > e.ValueEnd || e.ValueEnd > len(text) {
				t.Fatalf("entry out of range: %+v", e)
			}
			for _, a := range e.Accounts {
				if a.Start < e.ValueStart || a.End > e.ValueEnd || a.Start > a.End || string(text[a.Start:a.End]) != a.Text {
					t.Fatalf("account %+v does not match the text", a)
				}
			}
		}
		for _, p := range tpl.Problems {
			if p.Offset < 0 || p.Offset > len(text) {
				t.Fatalf("problem offset %d out of range", p.Offset)
			}
		}
	})
}

// BenchmarkParse parses a template with 2,000 assignments, half of them of a checked right.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\nMACHINE\\Software\\X=4,1\r\n[Privilege Rights]\r\n")
	for i := range 2000 {
		key := fmt.Sprintf("SeRight%dPrivilege", i)
		if i%2 == 0 {
			key = "SeImpersonatePrivilege"
		}
		fmt.Fprintf(&sb, "%s = *S-1-5-32-544,*S-1-5-19,\"CONTOSO\\svc %d\"\r\n", key, i)
	}
	text := []byte(sb.String())
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if t := Parse(text); len(t.Entries) != 2000 {
			b.Fatal(len(t.Entries))
		}
	}
}
