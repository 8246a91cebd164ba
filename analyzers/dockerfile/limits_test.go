package dockerfile

import (
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

const grant = "ntrights +r SeImpersonatePrivilege -u "

func account(as []assign.Assignment, text string) (assign.Account, bool) {
	for _, a := range as {
		for _, acc := range a.Accounts {
			if acc.Text == text {
				return acc, true
			}
		}
	}
	return assign.Account{}, false
}

// TestLimits checks Dockerfiles whose RUN commands build values past a limit: the account blown is
// unresolved with its written text, a literal grant in a later RUN is found, and the limit is
// reported once on its line. Dockerfiles have no values of their own (ENV and ARG are not read):
// the limits are those of the shell or batch text each RUN hands on.
func TestLimits(t *testing.T) {
	for _, tt := range []struct {
		name, text, blown, limit string
		line                     int
	}{
		{
			name: "doubling in a RUN",
			text: "FROM ubuntu\nRUN a=x; " + strings.Repeat(`a="$a$a"; `, 30) + grant + `"$a"` + "\n" +
				"RUN " + grant + "'CONTOSO\\later'\n",
			blown: "$a", limit: "would exceed 1 MiB", line: 2,
		},
		{
			name: "doubling over continuation lines",
			text: "FROM ubuntu\nRUN a=x && \\\n" + strings.Repeat("    a=\"$a$a\" && \\\n", 30) + "    " + grant + `"$a"` + "\n" +
				"RUN " + grant + "'CONTOSO\\later'\n",
			blown: "$a", limit: "would exceed 1 MiB", line: 22, // RUN is line 2; its 20th doubling, 1 MiB and its mapping, is line 22
		},
		{
			name: "a loop in a RUN spends the budget",
			text: "FROM ubuntu\nRUN L='" + strings.Repeat("w ", 300) + "'; for a in $L; do for b in $L; do for c in $L; do echo $a$b$c; done; done; done\n" +
				"RUN " + grant + `"$V"` + "\n" + "# the budget is spent: later RUN commands are not followed, and the scan says so\n",
			blown: "", limit: "budget of this file is spent", line: 2, // and the RUN on line 3 is not followed
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFile("Dockerfile", source.LangDockerfile, tt.text)
			out := Extract(f)
			if tt.blown != "" {
				if acc, ok := account(out, tt.blown); !ok || !acc.Unresolved {
					t.Errorf("no unresolved grant to %s:\n%s", tt.blown, checktest.Render(f, out))
				}
				if acc, ok := account(out, `CONTOSO\later`); !ok || acc.Unresolved {
					t.Errorf("the literal grant after the blow-up is not found:\n%s", checktest.Render(f, out))
				}
			} else if len(out) > 0 {
				t.Errorf("a RUN after the budget was spent is followed:\n%s", checktest.Render(f, out))
			}
			if len(f.Problems) != 1 {
				t.Fatalf("%d problems, want 1:\n%s", len(f.Problems), checktest.Render(f, out))
			}
			p := f.Problems[0]
			if line := f.Tok.Position(p.Pos).Line; !strings.Contains(p.Message, tt.limit) || line != tt.line {
				t.Errorf("problem at line %d: %s\nwant %q at line %d", line, p.Message, tt.limit, tt.line)
			}
		})
	}
}

// TestLinear checks that many RUN instructions, long continued ones and RUNs that each blow up
// cost what their size does.
func TestLinear(t *testing.T) {
	analyze := func(name string, content []byte) {
		Extract(newFile(name, source.LangDockerfile, string(content)))
	}
	for _, tt := range []struct {
		name  string
		n     int
		shape checktest.Shape
	}{
		{"RUN lines", 2000, func(n int) (string, []byte) {
			return "Dockerfile", []byte("FROM windows/servercore\n" + strings.Repeat("RUN cmd /c echo x\n", n))
		}},
		{"continued RUN", 5000, func(n int) (string, []byte) {
			return "Dockerfile", []byte("FROM ubuntu\nRUN x \\\n" + strings.Repeat("  a=b && echo $a \\\n", n) + "  true\n")
		}},
		{"doubling RUNs", 100, func(n int) (string, []byte) {
			return "Dockerfile", []byte("FROM ubuntu\n" + strings.Repeat("RUN a=x; "+strings.Repeat(`a="$a$a"; `, 25)+"\n", n))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) { checktest.Linear(t, tt.n, tt.shape, analyze) })
	}
}
