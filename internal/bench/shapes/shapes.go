// Package shapes makes the hostile inputs privlint must analyze in bounded time and memory: values
// that double on every line, chains that grow a little per line, long lists, wide lines, deep
// nesting. Each shape is one file at a scale n, with a real grant after the hostile part so a test
// can check that it is still found. The complexity tests and internal/bench/hostile.sh share them.
package shapes

import (
	"fmt"
	"strings"
)

// Shape is one kind of hostile input.
type Shape struct {
	Name    string // also the file name, whose extension decides the language
	Default int    // the scale that makes the file just under 1 MB (or the size named in Note)
	Note    string
	Gen     func(n int) []byte
}

// lines repeats line n times, each followed by a newline.
func lines(line string, n int) string { return strings.Repeat(line+"\n", n) }

// list returns n names "u0".."u{n-1}" joined by sep.
func list(n int, sep string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("u%d", i)
	}
	return strings.Join(parts, sep)
}

// short returns n short names "a0".."a9", cycling, each quoted with q, joined by sep: the most list
// elements a file of a given size can hold.
func short(n int, q, sep string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		fmt.Fprintf(&b, "%sa%d%s", q, i%10, q)
	}
	return b.String()
}

// All are the shapes, by name.
var All = []Shape{
	{"double-interp.ps1", 40, "a string that doubles on every line", func(n int) []byte {
		return []byte("$a = 'x'\n" + lines(`$a = "$a$a"`, n) + "ntrights +r SeImpersonatePrivilege -u $a\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"double-plus.ps1", 40, "$a + $a on strings", func(n int) []byte {
		return []byte("$a = 'x'\n" + lines(`$a = $a + $a`, n) + "ntrights +r SeImpersonatePrivilege -u $a\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"double-list.ps1", 40, "$a + $a on lists", func(n int) []byte {
		return []byte("$a = @('x', 'y')\n" + lines(`$a = $a + $a`, n) + "Grant-CPrivilege -Identity $a -Privilege SeImpersonatePrivilege\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"append.ps1", 90000, "$l += 'x' on every line", func(n int) []byte {
		return []byte("$l = @()\n" + lines(`$l += 'x'`, n) + "Grant-CPrivilege -Identity $l[0] -Privilege SeImpersonatePrivilege\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"hashtable.ps1", 40000, "a hashtable with n keys, each looked up", func(n int) []byte {
		var b strings.Builder
		b.WriteString("$h = @{\n")
		for i := range n {
			fmt.Fprintf(&b, "k%d = 'u%d'\n", i, i)
		}
		b.WriteString("}\n")
		for i := 0; i < n; i += 8 {
			fmt.Fprintf(&b, "$x = $h.k%d\n", i)
		}
		b.WriteString("ntrights +r SeImpersonatePrivilege -u $h.k1\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
		return []byte(b.String())
	}},
	{"grow.ps1", 60000, "a string that grows a little on every line", func(n int) []byte {
		return []byte("$s = 'x'\n" + lines(`$s = "${s}abc"`, n) + "ntrights +r SeImpersonatePrivilege -u $s\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"double.sh", 40, "a variable that doubles on every line", func(n int) []byte {
		return []byte("a=x\n" + lines(`a="$a$a"`, n) + "ntrights +r SeImpersonatePrivilege -u \"$a\"\nntrights +r SeImpersonatePrivilege -u 'CONTOSO\\after'\n")
	}},
	{"grow.sh", 58000, "a variable that grows a little on every line", func(n int) []byte {
		return []byte("s=x\n" + lines(`s="${s}abcdefgh"`, n) + "ntrights +r SeImpersonatePrivilege -u \"$s\"\nntrights +r SeImpersonatePrivilege -u 'CONTOSO\\after'\n")
	}},
	{"double.cmd", 40, "a batch variable that doubles on every line", func(n int) []byte {
		return []byte("set A=x\r\n" + strings.ReplaceAll(lines(`set A=%A%%A%`, n), "\n", "\r\n") + "ntrights +r SeImpersonatePrivilege -u %A%\r\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\r\n")
	}},
	{"grow.cmd", 60000, "a batch variable that grows a little on every line", func(n int) []byte {
		return []byte("set S=x\r\n" + strings.ReplaceAll(lines(`set S=%S%abc`, n), "\n", "\r\n") + "ntrights +r SeImpersonatePrivilege -u %S%\r\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\r\n")
	}},
	{"for-list.cmd", 100000, "a for loop over a long literal list, granting each", func(n int) []byte {
		return []byte("for %%a in (" + list(n, " ") + ") do ntrights +r SeImpersonatePrivilege -u %%a\r\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\r\n")
	}},
	{"double.pp", 40, "a Puppet string that doubles on every line", func(n int) []byte {
		return []byte("$a0 = 'x'\n" + func() string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "$a%d = \"${a%d}${a%d}\"\n", i+1, i, i)
			}
			return b.String()
		}() + fmt.Sprintf("local_security_policy { 'Impersonate a client after authentication':\n  policy_value => \"${a%d}\",\n}\n", n) +
			"local_security_policy { 'Replace a process level token':\n  policy_value => 'CONTOSO\\after',\n}\n")
	}},
	{"grow.pp", 40000, "a Puppet string that grows a little on every line", func(n int) []byte {
		var b strings.Builder
		b.WriteString("$a0 = 'x'\n")
		for i := range n {
			fmt.Fprintf(&b, "$a%d = \"${a%d}abc\"\n", i+1, i)
		}
		fmt.Fprintf(&b, "local_security_policy { 'Impersonate a client after authentication':\n  policy_value => \"${a%d}\",\n}\n", n)
		b.WriteString("local_security_policy { 'Replace a process level token':\n  policy_value => 'CONTOSO\\after',\n}\n")
		return []byte(b.String())
	}},
	{"double.rb", 40, "a Chef string that doubles on every line", func(n int) []byte {
		return []byte("a = 'x'\n" + lines(`a = "#{a}#{a}"`, n) +
			"windows_user_privilege 'doubled' do\n  privilege 'SeImpersonatePrivilege'\n  principal a\nend\n" +
			"windows_user_privilege 'CONTOSO\\after' do\n  privilege 'SeImpersonatePrivilege'\nend\n")
	}},
	{"grow.rb", 60000, "a Chef string that grows a little on every line", func(n int) []byte {
		return []byte("a = 'x'\n" + lines(`a = "#{a}abc"`, n) +
			"windows_user_privilege 'grown' do\n  privilege 'SeImpersonatePrivilege'\n  principal a\nend\n" +
			"windows_user_privilege 'CONTOSO\\after' do\n  privilege 'SeImpersonatePrivilege'\nend\n")
	}},
	{"jinja.yml", 8, "Jinja variables that reference the one before twice, over a 400 KB value", func(n int) []byte {
		var b strings.Builder
		b.WriteString("- hosts: all\n  vars:\n    v0: \"" + strings.Repeat("x", 400000) + "\"\n")
		for i := range n {
			fmt.Fprintf(&b, "    v%d: \"{{ v%d }}{{ v%d }}\"\n", i+1, i, i)
		}
		fmt.Fprintf(&b, "  tasks:\n    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: [\"{{ v%d }}\"]\n", n)
		b.WriteString("    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: ['CONTOSO\\after']\n")
		return []byte(b.String())
	}},
	{"blocks.yml", 100, "Ansible blocks nested n deep, a grant in the innermost", func(n int) []byte {
		var b strings.Builder
		b.WriteString("- hosts: all\n  tasks:\n")
		ind := "    "
		for range n {
			b.WriteString(ind + "- block:\n")
			ind += "    "
		}
		b.WriteString(ind + "- win_user_right:\n" + ind + "    name: SeImpersonatePrivilege\n" + ind + "    users: ['CONTOSO\\deep']\n")
		b.WriteString("    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: ['CONTOSO\\after']\n")
		return []byte(b.String())
	}},
	{"deep.json", 200, "JSON objects nested n deep, a grant in the innermost", func(n int) []byte {
		return []byte(strings.Repeat(`{"a":`, n) + `{"SeImpersonatePrivilege":["CONTOSO\\deep"]}` + strings.Repeat("}", n) + "\n")
	}},
	{"wide.inf", 130000, "one template line with n accounts", func(n int) []byte {
		return []byte("[Privilege Rights]\nSeImpersonatePrivilege = " + list(n, ",") + "\n")
	}},
	{"tall.inf", 200000, "n grant lines (about 5 MB)", func(n int) []byte {
		var b strings.Builder
		b.WriteString("[Privilege Rights]\n")
		for i := range n {
			fmt.Fprintf(&b, "SeImpersonatePrivilege = u%d\n", i)
		}
		return []byte(b.String())
	}},
	{"one-line.json", 45000, "one line of JSON with n grants", func(n int) []byte {
		return []byte(`{"SeImpersonatePrivilege":["` + list(n, `","`) + `"]}`)
	}},
	{"echo.sh", 760000, "echo a a a ... just under 8 MiB", func(n int) []byte {
		return []byte("# SeImpersonatePrivilege\n" + strings.Repeat("echo a a a\n", n))
	}},
	{"echo-one.sh", 4190000, "one echo command with n arguments, just under 8 MiB", func(n int) []byte {
		return []byte("ntrights +r SeImpersonatePrivilege -u web\necho" + strings.Repeat(" a", n) + "\n")
	}},
	// Lists as long as the size limit allows, in every language that has lists of accounts.
	{"list.inf", 2700000, "one template line listing n accounts, just under 8 MiB", func(n int) []byte {
		return []byte("[Privilege Rights]\nSeImpersonatePrivilege = " + short(n, "", ",") + "\nSeAssignPrimaryTokenPrivilege = CONTOSO\\after\n")
	}},
	{"list.json", 1600000, "a JSON array of n accounts, just under 8 MiB", func(n int) []byte {
		return []byte(`{"SeImpersonatePrivilege":[` + short(n, `"`, ",") + `],"SeAssignPrimaryTokenPrivilege":["CONTOSO\\after"]}` + "\n")
	}},
	{"list.yml", 2000000, "an Ansible flow sequence of n users, just under 8 MiB", func(n int) []byte {
		return []byte("- hosts: all\n  tasks:\n    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: [" + short(n, "", ", ") + "]\n" +
			"    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: ['CONTOSO\\after']\n")
	}},
	{"comma.yml", 2700000, "an Ansible users string of n comma-separated names, just under 8 MiB", func(n int) []byte {
		return []byte("- hosts: all\n  tasks:\n    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: \"" + short(n, "", ",") + "\"\n" +
			"    - win_user_right:\n        name: SeImpersonatePrivilege\n        users: ['CONTOSO\\after']\n")
	}},
	{"list.sls", 2000000, "a Salt lgpo.set policy listing n accounts, just under 8 MiB", func(n int) []byte {
		return []byte("x:\n  lgpo.set:\n    - computer_policy:\n        Impersonate a client after authentication: [" + short(n, "", ", ") + "]\n" +
			"        Replace a process level token: ['CONTOSO\\after']\n")
	}},
	{"list.ps1", 2700000, "Grant-CPrivilege with n identities, just under 8 MiB", func(n int) []byte {
		return []byte("Grant-CPrivilege -Identity " + short(n, "", ",") + " -Privilege SeImpersonatePrivilege\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"dsc.ps1", 1600000, "a DSC UserRightsAssignment with n identities, just under 8 MiB", func(n int) []byte {
		return []byte("Configuration C {\n Import-DscResource -ModuleName SecurityPolicyDsc\n Node localhost {\n  UserRightsAssignment U {\n   Policy = 'Impersonate_a_client_after_authentication'\n   Identity = " +
			short(n, "'", ",") + "\n  }\n }\n}\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\n")
	}},
	{"list.mof", 1600000, "a MOF UserRightsAssignment instance with n identities, just under 8 MiB", func(n int) []byte {
		return []byte("instance of MSFT_UserRightsAssignment as $U1\n{\n Policy = \"Impersonate_a_client_after_authentication\";\n Identity = {" + short(n, `"`, ",") + "};\n};\n" +
			"instance of MSFT_UserRightsAssignment as $U2\n{\n Policy = \"Replace_a_process_level_token\";\n Identity = {\"CONTOSO\\\\after\"};\n};\n")
	}},
	{"list.pp", 2700000, "a Puppet local_security_policy value of n accounts, just under 8 MiB", func(n int) []byte {
		return []byte("local_security_policy { 'Impersonate a client after authentication':\n  policy_value => '" + short(n, "", ",") + "',\n}\n" +
			"local_security_policy { 'Replace a process level token':\n  policy_value => 'CONTOSO\\after',\n}\n")
	}},
	{"list.rb", 1600000, "a Chef windows_user_privilege with n users, just under 8 MiB", func(n int) []byte {
		return []byte("windows_user_privilege 'x' do\n  privilege 'SeImpersonatePrivilege'\n  users [" + short(n, "'", ",") + "]\nend\n" +
			"windows_user_privilege 'CONTOSO\\after' do\n  privilege 'SeImpersonatePrivilege'\nend\n")
	}},
	{"list.cmd", 2700000, "a batch for loop over n names, just under 8 MiB", func(n int) []byte {
		return []byte("for %%a in (" + short(n, "", " ") + ") do ntrights +r SeImpersonatePrivilege -u %%a\r\nntrights +r SeImpersonatePrivilege -u CONTOSO\\after\r\n")
	}},
}

// Named returns the shape called name; it panics when there is none, a mistake in a test.
func Named(name string) Shape {
	for _, s := range All {
		if s.Name == name {
			return s
		}
	}
	panic("shapes: no shape " + name)
}
