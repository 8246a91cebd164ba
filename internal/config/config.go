// Package config reads .privlint.yml: the checked rights, rights the team defines, enabled
// exceptions, allow-list entries, excluded paths and per-rule levels. Every error names the file,
// line and key.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/internal/confine"
	"github.com/privlint/privlint/rules"
)

// FileName is the configuration file privlint looks for.
const FileName = ".privlint.yml"

// MaxSize is the size limit of a configuration file: a larger one is an error, not read.
const MaxSize = 1 << 20

// Config is a parsed configuration file.
type Config struct {
	Path       string // the file it was read from; "" for the empty configuration
	Dir        string // the directory path globs are relative to
	Exceptions []string
	// Rights are the built-in rights the configuration checks (rights:); nil when it does not say,
	// and the token rights are checked. Custom are the rights it defines (custom-rights:), checked
	// whatever rights: says.
	Rights  []rules.Right
	Custom  []rules.Right
	Allow   []Allow
	Exclude []string
	Rules   map[string]RuleSetting // by rule ID

	wd string // the working directory when the file was read, for relative scan paths
}

// Allow accepts one account for some rights in some paths, for a stated reason, possibly until a date.
type Allow struct {
	Account string
	Rights  []rules.Right // none means every checked right
	Paths   []string      // globs; none means everywhere
	Reason  string
	Expires time.Time // zero: never
	Line    int       // where the entry starts in the file
	Col     int

	rightNodes []*yaml.Node // the rights as written, read once the whole file is
}

// RuleSetting overrides a rule's level, or turns it off.
type RuleSetting struct {
	Off   bool
	Level rules.Level
}

// Error is a configuration error at a place in the file.
type Error struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// Find returns the path of .privlint.yml in dir or its nearest parent that has one, or "". A
// .privlint.yml that is not a directory is found whatever it is, without following it: Load then
// refuses a symbolic link, a FIFO or a device with an error, rather than privlint going on without
// the configuration the repository meant to have.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if info, err := os.Lstat(p); err == nil && !info.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and validates the configuration at path: a regular file of at most MaxSize bytes,
// not a symbolic link (a FIFO, a device or a link is an error, never read or followed).
func Load(path string) (*Config, error) {
	data, err := confine.ReadFile(path, MaxSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse validates configuration text read from path.
func Parse(path string, data []byte) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	wd, _ := os.Getwd()
	c := &Config{Path: path, Dir: filepath.Dir(abs), Rules: map[string]RuleSetting{}, wd: wd}
	p := &parser{path: path}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{Path: path, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file is the empty configuration
	}
	root := doc.Content[0]
	p.mapping(root, "the configuration", map[string]func(*yaml.Node){
		"exceptions": func(n *yaml.Node) {
			for _, e := range p.strings(n, "exceptions") {
				name := strings.ToLower(e.Value)
				if _, ok := rules.Exceptions[name]; !ok {
					p.errorf(e, "exceptions: unknown component %q (known: %s)", e.Value, strings.Join(rules.ExceptionNames(), ", "))
					continue
				}
				c.Exceptions = append(c.Exceptions, name)
			}
		},
		"allow": func(n *yaml.Node) {
			if n.Kind != yaml.SequenceNode {
				p.errorf(n, "allow: want a list of entries")
				return
			}
			for _, item := range n.Content {
				if a, ok := p.allow(item); ok {
					c.Allow = append(c.Allow, a)
				}
			}
		},
		"exclude": func(n *yaml.Node) {
			for _, g := range p.strings(n, "exclude") {
				if err := checkGlob(g.Value); err != nil {
					p.errorf(g, "exclude: %v", err)
				}
				c.Exclude = append(c.Exclude, g.Value)
			}
		},
		"rules": func(n *yaml.Node) { p.rules(n, c.Rules) },
		"rights": func(n *yaml.Node) {
			c.Rights = []rules.Right{} // given, even if every word is wrong
			for _, w := range p.strings(n, "rights") {
				rs, ok := rules.Select(w.Value)
				if !ok {
					p.errorf(w, "rights: %q is neither a pack (%s) nor a right privlint knows; define other rights under custom-rights",
						w.Value, strings.Join(rules.PackNames(), ", "))
				}
				c.Rights = append(c.Rights, rs...)
			}
		},
		"custom-rights": func(n *yaml.Node) {
			if n.Kind != yaml.SequenceNode {
				p.errorf(n, "custom-rights: want a list of rights")
				return
			}
			for _, item := range n.Content {
				if r, ok := p.customRight(item, c.Custom); ok {
					c.Custom = append(c.Custom, r)
				}
			}
		},
	})
	p.resolveAllowRights(c)
	return c, p.err()
}

// RightSet returns the rights a scan checks: those given on the command line (selected, when not
// nil), else those of rights:, else the token rights; and the rights the configuration defines.
func (c *Config) RightSet(selected []rules.Right) *rules.Set {
	switch {
	case selected != nil:
	case c.Rights != nil:
		selected = c.Rights
	default:
		selected = rules.Token.Rights()
	}
	return rules.NewSet(append(slices.Clone(selected), c.Custom...))
}

// maxCustomRights bounds custom-rights: each one adds keywords to the prefilter every file passes.
const maxCustomRights = 64

// customRight reads one entry of custom-rights: its constant, other names, safe set and level.
func (p *parser) customRight(n *yaml.Node, earlier []rules.Right) (rules.Right, bool) {
	var (
		constant *yaml.Node
		c        rules.Custom
	)
	before := len(p.errs)
	p.mapping(n, "custom-rights entry", map[string]func(*yaml.Node){
		"constant": func(v *yaml.Node) { constant = v },
		"names": func(v *yaml.Node) {
			for _, s := range p.strings(v, "custom-rights: names") {
				c.Names = append(c.Names, s.Value)
			}
		},
		"safe": func(v *yaml.Node) {
			for _, s := range p.strings(v, "custom-rights: safe") {
				id := rules.Identify(s.Value)
				if id.SID == "" || id.Kind == rules.KindMalformed {
					p.errorf(s, "custom-rights: safe: %q is not an account privlint knows the SID of (a well-known name or *S-1-...); accept other accounts with allow entries", s.Value)
					continue
				}
				c.Safe = append(c.Safe, id.SID)
			}
		},
		"level": func(v *yaml.Node) {
			l := rules.Level(strings.ToLower(v.Value))
			if v.Kind != yaml.ScalarNode || l.Rank() == 0 {
				p.errorf(v, "custom-rights: level: want error, warning or note, not %q", v.Value)
				return
			}
			c.Level = l
		},
		"csp": func(v *yaml.Node) {
			if v.Kind != yaml.ScalarNode {
				p.errorf(v, "custom-rights: csp: want the Policy CSP setting name, such as LogOnAsBatchJob")
				return
			}
			c.CSP = v.Value
		},
	})
	if n.Kind != yaml.MappingNode || len(p.errs) > before {
		return rules.Right{}, false
	}
	if constant == nil {
		p.errorf(n, "custom-rights entry has no constant: name the right, such as SeBatchLogonRight")
		return rules.Right{}, false
	}
	if len(earlier) >= maxCustomRights {
		p.errorf(n, "custom-rights: more than %d rights", maxCustomRights)
		return rules.Right{}, false
	}
	c.Constant = constant.Value
	r, err := rules.Define(c)
	if err != nil {
		p.errorf(constant, "custom-rights: %v", err)
		return rules.Right{}, false
	}
	if set := rules.NewSet(earlier); set.Names(r.String()) {
		p.errorf(constant, "custom-rights: %s is defined twice", r)
		return rules.Right{}, false
	}
	return r, true
}

// resolveAllowRights reads the rights: of allow entries once every right is known: a right the
// configuration defines below the entry is one too.
func (p *parser) resolveAllowRights(c *Config) {
	known := rules.NewSet(append(rules.All.Rights(), c.Custom...))
	for i := range c.Allow {
		a := &c.Allow[i]
		for _, r := range a.rightNodes {
			right, ok := known.Lookup(r.Value)
			if !ok {
				p.errorf(r, "allow: rights: %q is not a right privlint knows or the configuration defines", r.Value)
				continue
			}
			a.Rights = append(a.Rights, right)
		}
		a.rightNodes = nil
	}
}

type parser struct {
	path string
	errs []error
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, &Error{Path: p.path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) err() error { return errors.Join(p.errs...) }

// mapping walks a mapping node, calling the handler of each key; unknown keys are errors.
func (p *parser) mapping(n *yaml.Node, what string, keys map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s: want a mapping of keys", what)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := keys[k.Value]
		if !ok {
			var known []string
			for name := range keys {
				known = append(known, name)
			}
			slices.Sort(known)
			p.errorf(k, "%s: unknown key %q (known: %s)", what, k.Value, strings.Join(known, ", "))
			continue
		}
		if seen[k.Value] {
			p.errorf(k, "%s: key %q given twice", what, k.Value)
			continue
		}
		seen[k.Value] = true
		h(v)
	}
}

// strings returns the scalar items of a list (or a single scalar) node.
func (p *parser) strings(n *yaml.Node, what string) []*yaml.Node {
	switch n.Kind {
	case yaml.ScalarNode:
		return []*yaml.Node{n}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, item := range n.Content {
			if item.Kind != yaml.ScalarNode || item.Value == "" {
				p.errorf(item, "%s: want a non-empty string", what)
				continue
			}
			out = append(out, item)
		}
		return out
	}
	p.errorf(n, "%s: want a string or a list of strings", what)
	return nil
}

func (p *parser) allow(n *yaml.Node) (Allow, bool) {
	a := Allow{Line: n.Line, Col: n.Column}
	before := len(p.errs)
	p.mapping(n, "allow entry", map[string]func(*yaml.Node){
		"account": func(v *yaml.Node) {
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				p.errorf(v, "allow: account must be a non-empty string")
				return
			}
			a.Account = strings.TrimSpace(v.Value)
		},
		"rights": func(v *yaml.Node) { a.rightNodes = p.strings(v, "allow: rights") },
		"paths": func(v *yaml.Node) {
			for _, g := range p.strings(v, "allow: paths") {
				if err := checkGlob(g.Value); err != nil {
					p.errorf(g, "allow: paths: %v", err)
				}
				a.Paths = append(a.Paths, g.Value)
			}
		},
		"reason": func(v *yaml.Node) {
			if v.Kind == yaml.ScalarNode {
				a.Reason = strings.TrimSpace(v.Value)
			}
		},
		"expires": func(v *yaml.Node) {
			t, err := time.Parse(time.DateOnly, v.Value)
			if v.Kind != yaml.ScalarNode || err != nil {
				p.errorf(v, "allow: expires: want a date such as 2027-01-31, not %q", v.Value)
				return
			}
			a.Expires = t
		},
	})
	if n.Kind == yaml.MappingNode {
		if a.Account == "" && len(p.errs) == before {
			p.errorf(n, "allow entry has no account")
		}
		if a.Reason == "" {
			p.errorf(n, "allow entry for %q has no reason: say why the grant is acceptable", a.Account)
		}
	}
	return a, len(p.errs) == before
}

func (p *parser) rules(n *yaml.Node, out map[string]RuleSetting) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "rules: want a mapping of rule IDs to a level or off")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		r, ok := rules.Lookup(k.Value)
		if !ok {
			p.errorf(k, "rules: unknown rule %q (see privlint rules)", k.Value)
			continue
		}
		if v.Kind == yaml.MappingNode { // PL1004: {level: error}
			var level *yaml.Node
			p.mapping(v, "rules: "+r.ID, map[string]func(*yaml.Node){"level": func(l *yaml.Node) { level = l }})
			if level == nil {
				continue
			}
			v = level
		}
		switch s := strings.ToLower(v.Value); {
		case v.Kind != yaml.ScalarNode:
			p.errorf(v, "rules: %s: want error, warning, note or off", r.ID)
		case s == "off" || v.Tag == "!!bool" && s == "false":
			out[r.ID] = RuleSetting{Off: true}
		case rules.Level(s).Rank() > 0:
			out[r.ID] = RuleSetting{Level: rules.Level(s)}
		default:
			p.errorf(v, "rules: %s: want error, warning, note or off, not %q", r.ID, v.Value)
		}
	}
}

// Excluded reports whether the file at path (as given to the scan) matches an exclude glob.
func (c *Config) Excluded(path string) bool {
	if len(c.Exclude) == 0 {
		return false // every file read asks
	}
	rel, ok := c.rel(path)
	return ok && matchAny(c.Exclude, rel)
}

// rel returns path relative to the configuration's directory, with forward slashes.
func (c *Config) rel(path string) (string, bool) {
	if c.Dir == "" {
		return "", false
	}
	abs := path
	if !filepath.IsAbs(path) {
		abs = filepath.Join(c.wd, path)
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// Allowed returns the allow entry that accepts account (as written, or its SID or canonical name)
// holding right in the file at path, on the day now. An expired entry does not apply.
func (c *Config) Allowed(path string, right rules.Right, account, sid, name string, now time.Time) (*Allow, bool) {
	for i := range c.Allow {
		a := &c.Allow[i]
		if a.ExpiredOn(now) {
			continue
		}
		if len(a.Rights) > 0 && !slices.Contains(a.Rights, right) {
			continue
		}
		if !accountMatches(a.Account, account, sid, name) {
			continue
		}
		if len(a.Paths) > 0 {
			rel, ok := c.rel(path)
			if !ok || !matchAny(a.Paths, rel) {
				continue
			}
		}
		return a, true
	}
	return nil, false
}

// Expired returns the allow entries whose date has passed, for reporting.
func (c *Config) Expired(now time.Time) []Allow {
	var out []Allow
	for _, a := range c.Allow {
		if a.ExpiredOn(now) {
			out = append(out, a)
		}
	}
	return out
}

// ExpiredOn reports whether the entry no longer applies on the day now: its expiry date has passed.
func (a *Allow) ExpiredOn(now time.Time) bool {
	return !a.Expires.IsZero() && !now.Before(a.Expires.AddDate(0, 0, 1))
}

func accountMatches(entry, account, sid, name string) bool {
	e := strings.TrimPrefix(strings.TrimSpace(entry), "*")
	for _, s := range []string{strings.TrimPrefix(account, "*"), sid, name} {
		if s != "" && strings.EqualFold(e, s) {
			return true
		}
	}
	if id := rules.Identify(entry); id.SID != "" && strings.EqualFold(id.SID, sid) {
		return true
	}
	return false
}
