package rules

import (
	"strings"
	"testing"
)

func TestLookupRight(t *testing.T) {
	tests := []struct {
		name string
		want Right
		ok   bool
	}{
		{"SeImpersonatePrivilege", Impersonate, true},
		{"seimpersonateprivilege", Impersonate, true},
		{" SeImpersonatePrivilege ", Impersonate, true},
		{"Impersonate a client after authentication", Impersonate, true},
		{"Impersonate_a_client_after_authentication", Impersonate, true},
		{"SeAssignPrimaryTokenPrivilege", AssignPrimaryToken, true},
		{"Replace a process level token", AssignPrimaryToken, true},
		{"Replace a process-level token", AssignPrimaryToken, true},
		{"replace_a_process_level_token", AssignPrimaryToken, true},
		{"SeDelegateSessionUserImpersonatePrivilege", 0, false},
		{"SeDebugPrivilege", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := LookupRight(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LookupRight(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMisspelled(t *testing.T) {
	tests := []struct {
		name string
		want Right
		ok   bool
	}{
		{"SeImpersonatePrivelege", Impersonate, true},
		{"SeImpersonatePrivilge", Impersonate, true},
		{"SeImpersonatePriviledge", Impersonate, true},
		{"SeImpresonatePrivilege", Impersonate, true}, // swapped letters
		{"ImpersonatePrivilege", Impersonate, true},
		{"SeImpersonatePrivileges", Impersonate, true},
		{"SeAssignPrimaryTokenPrivlege", AssignPrimaryToken, true},
		{"SeAsignPrimaryTokenPrivilege", AssignPrimaryToken, true},
		{"Replace_a_process_level_tokn", AssignPrimaryToken, true},
		{"SeImpersonatePrivilege", 0, false},
		{"SEIMPERSONATEPRIVILEGE", 0, false},
		{"SeDelegateSessionUserImpersonatePrivilege", 0, false},
		{"SeCreateTokenPrivilege", 0, false},
		{"SeIncreaseQuotaPrivilege", 0, false},
		{"SeImpersonate", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := Misspelled(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Misspelled(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"abc", "xbc", 1},
		{"abcd", "ab", 2}, {"kitten", "sitting", 3}, {"é", "e", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 5); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := editDistance("kitten", "sitting", 2); got != 3 {
		t.Errorf("editDistance over the limit = %d, want limit+1 = 3", got)
	}
}

// TestKeywordsFindEverySpelling: every spelling of every right holds the word privilege or one of
// the right's keywords, so the keyword prefilter passes any file that names a right; and every
// right has its rule, safe set and CSP name.
func TestKeywordsFindEverySpelling(t *testing.T) {
	for _, r := range Rights {
		n := names[r]
		for _, s := range append([]string{n.constant, n.display, n.dsc, n.csp}, n.other...) {
			l := strings.ToLower(s)
			found := strings.Contains(l, "privilege")
			for _, k := range n.keywords {
				found = found || strings.Contains(l, k)
			}
			if !found {
				t.Errorf("%s: %q holds none of the keywords %q", r, s, n.keywords)
			}
		}
		if r.OutsideRule() == "" || len(SafeSet(r)) == 0 || n.csp == "" {
			t.Errorf("%s: rule %q, safe set %v, CSP name %q", r, r.OutsideRule(), SafeSet(r), n.csp)
		}
		if got, ok := LookupCSP(n.csp); !ok || got != r {
			t.Errorf("LookupCSP(%q) = %v, %v", n.csp, got, ok)
		}
	}
	if got := ConstantsText("or"); got != "SeImpersonatePrivilege or SeAssignPrimaryTokenPrivilege" {
		t.Errorf("ConstantsText = %q", got)
	}
}
