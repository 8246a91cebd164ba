package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Set is the rights a scan checks: the packs it enables and the rights its configuration defines.
// A file's analysis recognizes the names of these rights only, so a right that is not checked costs
// nothing. A nil *Set is Token. A Set does not change once made.
type Set struct {
	rights []Right
	byName map[string]Right // every spelling, lower case
	byCSP  map[string]Right
}

// Token checks the token rights: the default.
var Token = NewSet(mustPack(PackToken))

// All checks every built-in right.
var All = NewSet(Builtin)

func mustPack(name string) []Right {
	r, ok := Pack(name)
	if !ok {
		panic("rules: no pack " + name)
	}
	return r
}

// NewSet returns the set of the rights given, each once, in their order.
func NewSet(rights []Right) *Set {
	s := &Set{byName: map[string]Right{}, byCSP: map[string]Right{}}
	for _, r := range rights {
		if r.IsZero() || slices.Contains(s.rights, r) {
			continue
		}
		s.rights = append(s.rights, r)
		for _, n := range r.spellings() {
			s.byName[strings.ToLower(n)] = r
		}
		if r.d.csp != "" {
			s.byCSP[r.d.csp] = r
		}
	}
	return s
}

func (s *Set) orToken() *Set {
	if s == nil {
		return Token
	}
	return s
}

// Rights returns the rights of the set, in order.
func (s *Set) Rights() []Right { return slices.Clone(s.orToken().rights) }

// Has reports whether the set checks r.
func (s *Set) Has(r Right) bool { return slices.Contains(s.orToken().rights, r) }

// Lookup returns the right of the set written as name: its constant, display name or DSC policy
// name, in any case. Surrounding spaces are ignored.
func (s *Set) Lookup(name string) (Right, bool) {
	r, ok := s.orToken().byName[strings.ToLower(strings.TrimSpace(name))]
	return r, ok
}

// LookupCSP returns the right of the set a Policy CSP UserRights setting name (ImpersonateClient)
// names.
func (s *Set) LookupCSP(name string) (Right, bool) {
	r, ok := s.orToken().byCSP[strings.ToLower(strings.TrimSpace(name))]
	return r, ok
}

// Misspelled reports the right of the set that name almost spells: a name within two edits
// (insertions, deletions, substitutions or swaps of adjacent letters, in any case) of a right's
// constant or DSC policy name that is not itself a right Windows knows or the set holds. Windows
// ignores such a name, so the assignment silently does nothing.
func (s *Set) Misspelled(name string) (Right, bool) {
	s = s.orToken()
	name = strings.TrimSpace(name)
	if name == "" || IsKnownRight(name) {
		return Right{}, false
	}
	if _, ok := s.Lookup(name); ok {
		return Right{}, false
	}
	lower := strings.ToLower(name)
	for _, r := range s.rights {
		for _, target := range []string{r.d.constant, r.d.dsc} {
			if target != "" && editDistance(lower, strings.ToLower(target), maxMisspelling) <= maxMisspelling {
				return r, true
			}
		}
	}
	return Right{}, false
}

// Keywords returns the lower-case fragments the keyword prefilter looks for to find the set's
// rights' names in any spelling, besides the word privilege.
func (s *Set) Keywords() []string {
	var out []string
	for _, r := range s.orToken().rights {
		for _, k := range r.d.keywords {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// Constants returns the rights' constant names, in order.
func (s *Set) Constants() []string {
	var out []string
	for _, r := range s.orToken().rights {
		out = append(out, r.d.constant)
	}
	return out
}

// ConstantsText names the rights for text: "SeImpersonatePrivilege and SeAssignPrimaryTokenPrivilege"
// with the conjunction given.
func (s *Set) ConstantsText(conjunction string) string {
	c := s.Constants()
	if len(c) < 2 {
		return strings.Join(c, "")
	}
	return strings.Join(c[:len(c)-1], ", ") + " " + conjunction + " " + c[len(c)-1]
}

// constantShape is what a right's constant looks like: Se, then letters and digits.
var constantShape = regexp.MustCompile(`(?i)^se[a-z0-9]{4,80}$`)

// cspShape is what a Policy CSP setting name looks like.
var cspShape = regexp.MustCompile(`^[a-z0-9]{2,80}$`)

// maxCustomNames bounds the names of a right the configuration defines: each is a keyword every
// file of the scan is searched for.
const maxCustomNames = 16

// Custom describes a right the configuration defines.
type Custom struct {
	Constant string   // SeBatchLogonRight
	Names    []string // other names it is written as: a display name, a DSC policy name
	CSP      string   // its Policy CSP UserRights setting name (Intune), if any: LogOnAsBatchJob
	Safe     []string // its safe set, by SID
	Level    Level    // the level of its findings; "" for the rule's
}

// Define returns a right the configuration defines. Its accounts outside the safe set are rule
// CustomOutsideSafeSet; every name it is written as is a keyword of the prefilter.
func Define(c Custom) (Right, error) {
	constant := strings.TrimSpace(c.Constant)
	if !constantShape.MatchString(constant) {
		return Right{}, fmt.Errorf("%q is not a right's constant name, such as SeBatchLogonRight", constant)
	}
	d := &definition{constant: constant, safe: slices.Clone(c.Safe), outsideRule: CustomOutsideSafeSet, level: c.Level,
		csp: strings.ToLower(strings.TrimSpace(c.CSP))}
	if d.csp != "" && !cspShape.MatchString(d.csp) {
		return Right{}, fmt.Errorf("%q is not a Policy CSP setting name, such as LogOnAsBatchJob", c.CSP)
	}
	if r, ok := All.LookupCSP(d.csp); ok {
		return Right{}, fmt.Errorf("%q is the Policy CSP name of the built-in right %s: enable it with rights: %s", c.CSP, r, r.d.pack)
	}
	if d.csp != "" {
		d.keywords = append(d.keywords, d.csp)
	}
	if len(c.Names) > maxCustomNames {
		return Right{}, fmt.Errorf("more than %d names for %s", maxCustomNames, constant)
	}
	for _, n := range append([]string{constant}, c.Names...) {
		n = strings.TrimSpace(n)
		if len(n) < 6 || len(n) > 200 { // a short name would pass every file through the prefilter
			return Right{}, fmt.Errorf("%q: a right's name must hold 6 to 200 characters", n)
		}
		if r, ok := All.Lookup(n); ok {
			return Right{}, fmt.Errorf("%q is the built-in right %s: enable it with rights: %s", n, r, r.d.pack)
		}
		if n != constant {
			d.other = append(d.other, n)
		}
		d.keywords = append(d.keywords, strings.ToLower(n))
	}
	return Right{d}, nil
}

// Names reports whether name is a right of the set or almost is (Misspelled): what an extractor
// asks of a value before it reads the values around it as an assignment.
func (s *Set) Names(name string) bool {
	if _, ok := s.Lookup(name); ok {
		return true
	}
	_, near := s.Misspelled(name)
	return near
}

// Select returns the built-in rights a word of --rights or the configuration's rights: names: a
// pack (token, dangerous, all) or a right by any of its names.
func Select(word string) ([]Right, bool) {
	if rs, ok := Pack(word); ok {
		return rs, true
	}
	if r, ok := LookupRight(word); ok {
		return []Right{r}, true
	}
	return nil, false
}
