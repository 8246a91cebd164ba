// Package intune extracts the user-right assignments of JSON files: Intune settings catalog exports
// (UserRights settings), custom profiles with Policy CSP UserRights OMA-URIs, endpoint protection
// profiles (userRights... properties), and security templates exported as JSON (a "Privilege
// Rights" object keyed by right).
package intune

import (
	"regexp"
	"strings"

	"github.com/privlint/privlint/analyzers/value"

	"go.yaml.in/yaml/v3"

	"github.com/privlint/privlint/analyzers/assign"
	"github.com/privlint/privlint/analyzers/source"
	"github.com/privlint/privlint/analyzers/yamlpos"
)

// Extract parses f.Text as JSON and returns its assignments, every one a set, with positions in f.
// A syntax error is recorded on f when the file mentions user rights.
func Extract(f *source.File) []assign.Assignment {
	y, errs := yamlpos.ParseJSON(f.Text)
	yamlpos.Report(f, errs, "JSON")
	y.ChargeTo(f)
	return ExtractParsed(f, y)
}

// ExtractParsed is Extract over y, f's text as yamlpos parsed it (and reported and charged it to
// f): the JSON file's other readers (provisioning manifests) share the one parse.
func ExtractParsed(f *source.File, y *yamlpos.File) []assign.Assignment {
	x := &extractor{f: f, y: y}
	for _, d := range y.Docs {
		x.walk(d, 0)
	}
	return x.out
}

// maxDepth bounds how deep the walk descends.
const maxDepth = 64

type extractor struct {
	f            *source.File
	y            *yamlpos.File
	out          []assign.Assignment
	deepReported bool // a part nested deeper than maxDepth is reported
}

// walk looks for the shapes privlint reads anywhere in the document. What is nested deeper than
// maxDepth is not read, and the first place that is is reported.
func (x *extractor) walk(n *yaml.Node, depth int) {
	if n == nil {
		return
	}
	if depth > maxDepth {
		if !x.deepReported {
			x.deepReported = true
			x.f.Problemf(x.y.Offset(n), "JSON nests more than %d levels deep here; what is nested deeper is not analyzed", maxDepth)
		}
		return
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			x.walk(c, depth+1)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			switch key := k.Value; {
			case strings.EqualFold(key, "settingDefinitionId") && yamlpos.IsScalar(v):
				x.catalog(n, v)
			case strings.EqualFold(key, "omaUri") && yamlpos.IsScalar(v):
				x.omaURI(n, v)
			case endpointKey.MatchString(key) && v.Kind == yaml.MappingNode:
				x.endpoint(k, v)
				continue
			case strings.EqualFold(strings.TrimSpace(key), "Privilege Rights") && v.Kind == yaml.MappingNode:
				x.template(v)
				continue
			default:
				x.keyedByRight(k, v)
			}
			if v.Kind != yaml.AliasNode {
				x.walk(v, depth+1)
			}
		}
	}
}

// rightOf returns the constant of a Policy CSP UserRights setting name.
func (x *extractor) rightOf(name string) string {
	if r, ok := x.f.Rights().LookupCSP(name); ok {
		return r.String()
	}
	return name
}

var (
	// catalogID reads the right of a settings catalog definition ID such as
	// device_vendor_msft_policy_config_userrights_impersonateclient.
	catalogID = regexp.MustCompile(`(?i)userrights_([a-z]+)\s*$`)
	// omaURIRight reads the right of an OMA-URI such as ./Device/Vendor/MSFT/Policy/Config/UserRights/ImpersonateClient.
	omaURIRight = regexp.MustCompile(`(?i)/Policy/Config/UserRights/([a-z]+)\s*$`)
	// endpointKey matches the user-right properties of an endpoint protection profile.
	endpointKey = regexp.MustCompile(`^userRights([A-Z][A-Za-z]+)$`)
)

// setting returns the right a definition ID or URI names (re's first group) and where the name is
// written.
func (x *extractor) setting(re *regexp.Regexp, n *yaml.Node) (right string, lo, hi int, ok bool) {
	t := x.y.Scalar(n).Text
	m := re.FindStringSubmatchIndex(t.S)
	if m == nil {
		return "", 0, 0, false
	}
	lo, hi = t.Span(m[2], m[3])
	return x.rightOf(t.S[m[2]:m[3]]), lo, hi, true
}

// catalog reads a settings catalog setting instance: its simpleSettingCollectionValue (a list of
// string values) or simpleSettingValue. Every value may itself hold several accounts separated by
// U+F000.
func (x *extractor) catalog(instance, id *yaml.Node) {
	right, lo, hi, ok := x.setting(catalogID, id)
	if !ok {
		return
	}
	var values []*yaml.Node
	collection := x.y.LookupFold(instance, "simpleSettingCollectionValue")
	if collection != nil {
		values = x.y.Items(collection)
	} else if v := x.y.LookupFold(instance, "simpleSettingValue"); v != nil {
		values = []*yaml.Node{v}
	} else {
		return // a definition without a value configures nothing
	}
	var list value.Value
	for _, v := range values {
		if len(list.Elems) > assign.MaxAccounts {
			break // the reader reports the first one past its limit
		}
		if v != nil && v.Kind == yaml.MappingNode {
			v = x.y.LookupFold(v, "value")
		}
		if yamlpos.IsScalar(v) {
			list.Elems = append(list.Elems, cspAccounts(x.y.Value(v)).Elems...)
		}
	}
	list.Kind = value.List
	if c, ok := x.y.CutOf(collection); ok {
		list.Cut, list.CutAt = true, c.Past
	}
	a := assign.Assignment{Right: right, Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: assign.Set, Via: "Intune settings catalog"}
	a.Accounts, a.Truncated = x.accounts(list)
	x.out = append(x.out, a)
}

// omaURI reads a custom profile's OMA-URI setting of a UserRights policy; its value is the list of
// accounts. XML-typed values (base64) are left out.
func (x *extractor) omaURI(setting, uri *yaml.Node) {
	right, lo, hi, ok := x.setting(omaURIRight, uri)
	if !ok {
		return
	}
	if typ := x.y.LookupFold(setting, "@odata.type"); yamlpos.IsScalar(typ) && strings.Contains(strings.ToLower(typ.Value), "xml") {
		return
	}
	v := x.y.LookupFold(setting, "value")
	if !yamlpos.IsScalar(v) {
		return
	}
	a := assign.Assignment{Right: right, Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: assign.Set, Via: "Intune OMA-URI"}
	a.Accounts, a.Truncated = x.accounts(cspAccounts(x.y.Value(v)))
	x.out = append(x.out, a)
}

// endpoint reads a user-right property of an endpoint protection profile:
// {"state": ..., "localUsersOrGroups": [{"name": ..., "securityIdentifier": ...}]}. A right whose
// state is notConfigured configures nothing.
func (x *extractor) endpoint(key, v *yaml.Node) {
	if st := x.y.LookupFold(v, "state"); yamlpos.IsScalar(st) && strings.EqualFold(st.Value, "notConfigured") {
		return
	}
	k := x.y.Scalar(key).Text
	m := endpointKey.FindStringSubmatchIndex(k.S)
	if m == nil {
		return
	}
	lo, hi := k.Span(m[2], m[3])
	var list value.Value
	groups := x.y.LookupFold(v, "localUsersOrGroups")
	for _, g := range x.y.Items(groups) {
		if len(list.Elems) > assign.MaxAccounts {
			break // the reader reports the first one past its limit
		}
		acc := x.y.LookupFold(g, "securityIdentifier")
		if !yamlpos.IsScalar(acc) || strings.TrimSpace(acc.Value) == "" {
			acc = x.y.LookupFold(g, "name")
		}
		if yamlpos.IsScalar(acc) {
			e := x.y.Value(acc)
			e.Editable = false // an object of the list holds it: dropping the name leaves the object
			list.Elems = append(list.Elems, e)
		}
	}
	list.Kind = value.List
	if c, ok := x.y.CutOf(groups); ok {
		list.Cut, list.CutAt = true, c.Past
	}
	a := assign.Assignment{Right: x.rightOf(k.S[m[2]:m[3]]), Pos: x.f.Pos(lo), End: x.f.Pos(hi), Op: assign.Set, Via: "Intune endpoint protection"}
	a.Accounts, a.Truncated = x.accounts(list)
	x.out = append(x.out, a)
}

// accounts reads the accounts of list, the accounts a setting or a template sets, with
// assign.Reader. An only element keeps the edit that drops it, as assign.Names keeps it: an empty
// list means nobody holds the right, which is what dropping its last account asks for (Reader
// drops the edit of a list's only element, for the lists whose emptiness means something else).
func (x *extractor) accounts(list value.Value) ([]assign.Account, bool) {
	if len(list.Elems) == 1 && !list.Cut {
		list = list.Elems[0]
	}
	return assign.Accounts(x.f, list)
}

// cspAccounts returns the accounts of a Policy CSP UserRights value v, a list: they are separated by
// U+F000, written as the character or as the XML reference &#xF000; (the value may be wrapped in
// CDATA). Each element carries the edit that drops it with its separator.
func cspAccounts(v value.Value) value.Value {
	list := value.Value{Kind: value.List}
	if v.Kind != value.Str && v.Kind != value.Unknown {
		return list // a boolean or null names no account
	}
	t := v.Text
	a, b := 0, t.Len()
	if i := strings.Index(t.S, "<![CDATA["); i >= 0 {
		if j := strings.LastIndex(t.S, "]]>"); j > i {
			a, b = i+len("<![CDATA["), j
		}
	}
	for el := range value.Split(t.Slice(a, b), cspSeparator) {
		e, rm := value.Of(el.Text), el.Remove
		e.Remove = &rm
		list.Elems = append(list.Elems, e)
		if len(list.Elems) > assign.MaxAccounts {
			break // the reader reports the first one past its limit
		}
	}
	return list
}

// cspSeparator reports the length of a U+F000 separator at s[i:].
func cspSeparator(s string, i int) int {
	for _, sep := range []string{"\uf000", "&#xf000;", "&#61440;"} {
		if len(s)-i >= len(sep) && strings.EqualFold(s[i:i+len(sep)], sep) {
			return len(sep)
		}
	}
	return 0
}
