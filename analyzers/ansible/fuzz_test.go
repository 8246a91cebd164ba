package ansible

import (
	"testing"

	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/internal/checktest"
)

// FuzzAnsible runs the extractor over arbitrary text: it must not panic, and everything it returns or
// records must lie in the file.
func FuzzAnsible(f *testing.F) {
	for _, tt := range extractTests {
		f.Add(tt.text)
	}
	f.Add("x: &a [*a]\n- <<: {win_user_right: &r {name: SeImpersonatePrivilege, users: *r}}\n  win_shell: *a\n")
	f.Add("- win_user_right: {name: \"{{ a }}\", users: \"{{ a.b['c'] | join(',') | d('x') }},{{\"}\n  vars: {a: \"{{ a }}\"}\n  loop: \"{{ a }}\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		file := newFile("fuzz.yml", source.LangYAML, text)
		checktest.Bounded(t, len(text), func() { checktest.CheckInside(t, file, Extract(file)) })
	})
}
