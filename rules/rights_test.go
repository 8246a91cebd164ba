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
		{"SeDebugPrivilege", Debug, true},
		{"Perform_volume_maintenance_tasks", ManageVolume, true},
		{"take ownership of files or other objects", TakeOwnership, true},
		{"SeDelegateSessionUserImpersonatePrivilege", Right{}, false},
		{"SeBatchLogonRight", Right{}, false},
		{"", Right{}, false},
	}
	for _, tt := range tests {
		got, ok := LookupRight(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LookupRight(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
		// The token set, the default, knows the token rights only.
		got, ok = Token.Lookup(tt.name)
		if tt.want.Pack() != PackToken {
			tt.want, tt.ok = Right{}, false
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("Token.Lookup(%q) = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMisspelled(t *testing.T) {
	tests := []struct {
		name string
		set  *Set
		want Right
		ok   bool
	}{
		{"SeImpersonatePrivelege", nil, Impersonate, true},
		{"SeImpersonatePrivilge", nil, Impersonate, true},
		{"SeImpersonatePriviledge", nil, Impersonate, true},
		{"SeImpresonatePrivilege", nil, Impersonate, true}, // swapped letters
		{"ImpersonatePrivilege", nil, Impersonate, true},
		{"SeImpersonatePrivileges", nil, Impersonate, true},
		{"SeAssignPrimaryTokenPrivlege", nil, AssignPrimaryToken, true},
		{"SeAsignPrimaryTokenPrivilege", nil, AssignPrimaryToken, true},
		{"Replace_a_process_level_tokn", nil, AssignPrimaryToken, true},
		{"SeImpersonatePrivilege", nil, Right{}, false},
		{"SEIMPERSONATEPRIVILEGE", nil, Right{}, false},
		{"SeDelegateSessionUserImpersonatePrivilege", nil, Right{}, false},
		{"SeCreateTokenPrivilege", nil, Right{}, false},
		{"SeIncreaseQuotaPrivilege", nil, Right{}, false},
		{"SeImpersonate", nil, Right{}, false},
		{"", nil, Right{}, false},
		{"SeDebugPrivelege", nil, Right{}, false}, // not checked by default
		{"SeDebugPrivelege", All, Debug, true},
		{"SeTcbPrivileg", All, Tcb, true},
		{"SeBackupPrivilege", All, Right{}, false},
		{"SeRestorePrivilege", All, Right{}, false},
	}
	for _, tt := range tests {
		got, ok := tt.set.Misspelled(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%v.Misspelled(%q) = %v, %v; want %v, %v", tt.set.Constants(), tt.name, got, ok, tt.want, tt.ok)
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
	for _, r := range Builtin {
		n := r.d
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
		if _, ok := Lookup(r.OutsideRule()); !ok || n.csp == "" || n.pack == "" {
			t.Errorf("%s: rule %q, CSP name %q, pack %q", r, r.OutsideRule(), n.csp, n.pack)
		}
		if (len(SafeSet(r)) == 0) != (r == Tcb || r == CreateToken || r == Relabel) {
			t.Errorf("%s: safe set %v", r, SafeSet(r))
		}
		if got, ok := All.LookupCSP(n.csp); !ok || got != r {
			t.Errorf("LookupCSP(%q) = %v, %v", n.csp, got, ok)
		}
		if !IsKnownRight(n.constant) {
			t.Errorf("%s is not in the list of rights Windows knows", r)
		}
	}
	if got := Token.ConstantsText("or"); got != "SeImpersonatePrivilege or SeAssignPrimaryTokenPrivilege" {
		t.Errorf("ConstantsText = %q", got)
	}
}
