package shell

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzShell runs the shell extractor over arbitrary text: no panic, allocations within checktest's
// bound, and every assignment, account and problem inside the file. The seeds' doublings stop
// short of the limits (TestLimits reaches them): an input that builds megabytes is slow to
// minimize.
func FuzzShell(f *testing.F) {
	f.Add("a=x\n" + strings.Repeat(`a="$a$a"`+"\n", 12) + "b=\"CONTOSO\\${a}\"\n" + grant + `"$b"` + "\n" + later)
	f.Add("a=$1\n" + strings.Repeat("a+=$a\n", 12) + "for i in 1 2 3; do a=\"$a$a\"; s+=\"$a\"; done\n" + grant + `"$s"` + "\n")
	f.Add("L='w w w w w w'\nfor a in $L; do for b in $L; do echo \"$a$b\"; done; done\n" + later)
	f.Add("for u in a 'b c' $V; do ntrights +r SeImpersonatePrivilege -u \"$u\"; done\n")
	f.Add("D=CONTOSO\nU=\"$D\\\\svc\"\nsudo wine ntrights.exe +r SeImpersonatePrivilege -u \"$U\"\n")
	f.Add("cat <<EOF > t.inf\n[Privilege Rights]\nSeImpersonatePrivilege = $U\nEOF\n")
	f.Add("ssh host <<'EOF'\neditrights -a SeImpersonatePrivilege -u x\nEOF\n")
	f.Add("bash -c 'cmd /c \"ntrights +r SeImpersonatePrivilege -u y\"'\n")
	f.Add("g() { local a=\"$1\"; shift; for u in \"$@\"; do " + grant + "\"$a$u\"; done; g \"$@\" $# $*; }\ng 'x y' z\nfunction h { g \"$1\"; }\nh w\n")
	f.Add("s=x\n" + strings.Repeat("s+=$s$s\n", 16) + "for a in $s; do for b in $s; do echo $a$b; done; done\n")
	f.Fuzz(func(t *testing.T, text string) {
		file := newFile("f.sh", source.LangShell, text)
		var out []assign.Assignment
		checktest.Bounded(t, len(text), func() { out = Extract(file) })
		checktest.CheckInside(t, file, out)
	})
}
