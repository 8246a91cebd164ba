package policyrules

import (
	"testing"

	"github.com/privlint/privlint/internal/checktest"
)

// FuzzPolicyRules runs the extraction over arbitrary text: it must not panic, and every
// assignment, account, edit and problem must lie in the text.
func FuzzPolicyRules(f *testing.F) {
	for _, tt := range extractTests {
		f.Add(tt.src)
	}
	f.Add(`<SecurityTemplate Section="Privilege Rights"><LineItem>[x]` + "\n" + `SeImpersonatePrivilege = "a,b",,*</LineItem><LineItem><![CDATA[SeImpersonatePrivilege=c]]></LineItem>`)
	f.Fuzz(func(t *testing.T, text string) {
		file := testFile(text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}
