package batch

import "testing"

// TestCallParams checks which accounts of a called label are the script's positional arguments
// (assign.Account.Param, which the scan binds to what the script's callers pass): the script's own
// %1 where the file falls into the label, the argument a call passes on (%2), and not a %1 that a
// call bound to a value of its own.
func TestCallParams(t *testing.T) {
	text := "call :g %USER%\r\ncall :g %2\r\n:g\r\n" + grant + "%1\r\ngoto :eof\r\n"
	f := testFile(text)
	var got []int
	for _, a := range Extract(f) {
		for _, acc := range a.Accounts {
			n := 0
			if acc.Param != nil {
				n = acc.Param.Index
			}
			got = append(got, n)
		}
	}
	if len(got) != 3 || got[0] != 0 || got[1] != 2 || got[2] != 1 {
		t.Errorf("arguments %v, want [0 2 1] (call with %%USER%%, call with %%2, falling through)", got)
	}
}
