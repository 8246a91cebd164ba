package rules

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCatalogWellFormed rejects a rule without complete documentation.
func TestCatalogWellFormed(t *testing.T) {
	idRE := regexp.MustCompile(`^PL[1-9]\d{3}$`)
	nameRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for i, r := range Catalog {
		if !idRE.MatchString(r.ID) || !nameRE.MatchString(r.Name) {
			t.Errorf("rule %q %q: bad ID or name", r.ID, r.Name)
		}
		if seen[r.ID] || seen[r.Name] {
			t.Errorf("rule %s: duplicate ID or name", r.ID)
		}
		seen[r.ID], seen[r.Name] = true, true
		if i > 0 && Catalog[i-1].ID >= r.ID {
			t.Errorf("catalog not sorted at %s", r.ID)
		}
		for field, v := range map[string]string{"title": r.Title, "description": r.Description, "remediation": r.Remediation,
			"precision": r.Precision, "bad example": r.Bad.Text, "good example": r.Good.Text, "bad file": r.Bad.File, "good file": r.Good.File} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("rule %s has no %s", r.ID, field)
			}
		}
		if !strings.HasSuffix(r.Title, ".") {
			t.Errorf("rule %s: title is not a sentence", r.ID)
		}
		if r.Level.Rank() == 0 {
			t.Errorf("rule %s: bad level %q", r.ID, r.Level)
		}
		if s, err := strconv.ParseFloat(r.SecuritySeverity, 64); err != nil || s <= 0 || s > 10 {
			t.Errorf("rule %s: security-severity %q is not a score in (0, 10]", r.ID, r.SecuritySeverity)
		}
		if len(r.References) == 0 {
			t.Errorf("rule %s has no references", r.ID)
		}
		for _, ref := range r.References {
			if ref.Title == "" || !strings.HasPrefix(ref.URL, "https://") {
				t.Errorf("rule %s: bad reference %+v", r.ID, ref)
			}
		}
		if r.Bad.Text == r.Good.Text {
			t.Errorf("rule %s: bad and good examples are the same", r.ID)
		}
		if got, ok := Lookup(strings.ToLower(r.ID)); !ok || got != r {
			t.Errorf("Lookup(%s) failed", r.ID)
		}
		if got, ok := Lookup(r.Name); !ok || got != r {
			t.Errorf("Lookup(%s) failed", r.Name)
		}
		if Index(r.ID) != i {
			t.Errorf("Index(%s) = %d, want %d", r.ID, Index(r.ID), i)
		}
		badLines := strings.Split(strings.TrimSpace(r.Bad.Text), "\n")
		for _, s := range []string{r.Help(), r.Markdown()} {
			if !strings.Contains(s, r.ID) || !strings.Contains(s, r.Remediation) || !strings.Contains(s, badLines[len(badLines)-1]) {
				t.Errorf("rule %s: rendered help misses its ID, remediation or example", r.ID)
			}
		}
	}
	if _, ok := Lookup("PL9999"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
}
