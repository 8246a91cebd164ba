package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/privlint/privlint/analyzers/source"
)

// TestLanguageTable keeps the README's table of inputs in step with source.Languages: one row per
// language, in the table's order, with its title and the files read as it. The What counts column
// is written by hand and kept, found by the row's title; rows that are no language (command
// strings) follow, as written.
func TestLanguageTable(t *testing.T) {
	readme := filepath.Join(moduleRoot, "README.md")
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)(<!-- languages:begin[^>]*-->\n)(.*?)(<!-- languages:end -->)`)
	m := re.FindSubmatch(b)
	if m == nil {
		t.Fatal("README.md has no languages:begin/languages:end markers")
	}
	table, err := languageTable(string(m[2]))
	if err != nil {
		t.Fatalf("README.md's table of inputs: %v", err)
	}
	want := re.ReplaceAllString(string(b), "${1}"+strings.ReplaceAll(table, "$", "$$")+"${3}")
	if *update {
		if err := os.WriteFile(readme, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(b) != want {
		t.Error("README.md's table of inputs is out of date: run go test ./internal/cli -update")
	}
	for _, d := range source.Languages {
		if strings.Contains(table, "| "+d.Title+" | "+languageFiles(d)+" |  |") {
			t.Errorf("README.md: the row of %s says nothing in What counts", d.Title)
		}
	}
}

// languageTable returns the table of inputs generated from source.Languages, with the What counts
// cells and the other rows of the table written in old.
func languageTable(old string) (string, error) {
	counts := map[string]string{}
	var others []string
	for _, row := range strings.Split(strings.TrimSuffix(old, "\n"), "\n")[2:] {
		cells := strings.Split(row, "|") // a | in a cell is written \|, which GitHub reads as the character
		for i := range cells {
			cells[i] = strings.TrimSpace(strings.TrimSuffix(cells[i], `\`))
		}
		if len(cells) != 5 || cells[0] != "" || cells[4] != "" {
			return "", fmt.Errorf("row %q does not have 3 cells", row)
		}
		counts[cells[1]] = cells[3]
		others = append(others, row)
	}
	var b strings.Builder
	b.WriteString("| Input | Files | What counts |\n|---|---|---|\n")
	for _, d := range source.Languages {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", d.Title, languageFiles(d), counts[d.Title])
	}
	for _, row := range others {
		if !described(row) {
			b.WriteString(row + "\n")
		}
	}
	return b.String(), nil
}

// described reports whether a row of the table is that of a language.
func described(row string) bool {
	for _, d := range source.Languages {
		if strings.HasPrefix(row, "| "+d.Title+" | ") {
			return true
		}
	}
	return false
}

// languageFiles describes in Markdown the files read as written in d: their names, and those whose
// content decides.
func languageFiles(d source.Language) string {
	var names []string
	for _, n := range d.Names {
		names = append(names, "`"+n+"`")
	}
	for _, p := range d.Prefixes {
		names = append(names, "`"+p+"*`")
	}
	for _, e := range d.Extensions {
		names = append(names, "`*"+e+"`")
	}
	s := strings.Join(names, ", ")
	var sniffed []string
	bare := false
	for _, e := range d.Sniffed {
		if e == "" {
			bare = true
		} else {
			sniffed = append(sniffed, "`*"+e+"`")
		}
	}
	which := strings.Join(sniffed, ", ")
	if bare {
		which = strings.TrimPrefix(which+" and files without an extension", " and ")
	}
	switch {
	case len(d.Markers) > 0:
		s += "; " + which + " when their first 4 KiB hold " + orList(d.Markers)
	case d.Shebang:
		s += ", and " + which + " whose first line is a shebang of " + orList(d.Programs) + " (also through `/usr/bin/env`)"
	}
	return s
}

// orList writes words as code, joined by commas and a last "or".
func orList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "`" + w + "`"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
