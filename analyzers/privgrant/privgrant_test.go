package privgrant_test

import (
	"go/token"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/privlint/privlint/analyzers/driver"
	"github.com/privlint/privlint/analyzers/privgrant"
	"github.com/privlint/privlint/internal/checktest"
)

func TestFixtures(t *testing.T) {
	checktest.Run(t, "testdata", privgrant.Analyzer)
}

// FuzzCheck runs the whole analysis (decoding, every extractor, the checker) over arbitrary bytes in
// every language privlint reads: it must never fail or panic, and every finding must lie in the file.
func FuzzCheck(f *testing.F) {
	f.Add("x.inf", []byte("\xff\xfe[\x00P\x00"))
	f.Add("x.inf", []byte("[Privilege Rights]\nSeImpersonatePrivilege = *S-1-1-0,,\"a,b\nSeImpersonatePrivilege=\n"))
	f.Add("secpol.cfg", []byte("[Unicode]\r[Privilege Rights]\rSeAssignPrimaryTokenPrivlege=*\r"))
	f.Add("x.ps1", []byte("Grant-CPrivilege -Identity $x -Privilege SeImpersonatePrivilege"))
	f.Add("x.cmd", []byte("ntrights +r SeImpersonatePrivilege -u %USER%"))
	f.Add("x.sh", []byte("ntrights +r SeImpersonatePrivilege -u \"$U\""))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		name = filepath.Base(name)
		if name == "." || name == "/" {
			return
		}
		fset := token.NewFileSet()
		d, err := driver.New(fset, []*analysis.Analyzer{privgrant.Analyzer}, driver.ReadFile(func(string) ([]byte, error) { return data, nil }))
		if err != nil {
			t.Fatal(err)
		}
		r := d.Analyze(name)
		for _, err := range r.Errors {
			t.Fatalf("%s: %v", name, err)
		}
		for _, diag := range r.Diagnostics {
			if tf := fset.File(diag.Pos); tf == nil || diag.End < diag.Pos || int(diag.End) > tf.Base()+tf.Size() {
				t.Fatalf("diagnostic outside the file: %+v", diag)
			}
		}
	})
}
