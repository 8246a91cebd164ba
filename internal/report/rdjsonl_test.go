package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/privlint/privlint/rules"
)

// rdSchemaFile is reviewdog's schema of one rdjsonl line, vendored under the module root.
var rdSchemaFile = filepath.Join("..", "..", "testdata", "reviewdog-schema", "Diagnostic.json")

// rdSchema is the compiled schema and the schema document itself, for checkDeclared.
var rdSchema = sync.OnceValues(func() (*jsonschema.Schema, any) {
	f, err := os.Open(rdSchemaFile)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		panic(err)
	}
	const url = "https://github.com/reviewdog/reviewdog/proto/rdf/jsonschema/Diagnostic.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		panic(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		panic(err)
	}
	return sch, doc
})

// validateRDJSONL checks every line of out against reviewdog's schema, and that every field is one
// the schema declares: reviewdog drops unknown fields silently, so a misspelled one would lose data.
func validateRDJSONL(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	sch, doc := rdSchema()
	var diags []map[string]any
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
		if err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
		defs := doc.(map[string]any)["definitions"].(map[string]any)
		for _, p := range undeclared(defs, defs["Diagnostic"], inst, "") {
			t.Errorf("line %d: field %s is not in reviewdog's Diagnostic", i+1, p)
		}
		var d map[string]any
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		diags = append(diags, d)
	}
	return diags
}

// undeclared lists the paths of object fields in inst that schema (resolving $ref into defs) does
// not declare as properties.
func undeclared(defs map[string]any, schema, inst any, path string) []string {
	s, _ := schema.(map[string]any)
	if ref, ok := s["$ref"].(string); ok {
		return undeclared(defs, defs[strings.TrimPrefix(ref, "#/definitions/")], inst, path)
	}
	var out []string
	switch v := inst.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := props[k]
			if !ok {
				out = append(out, path+"/"+k)
				continue
			}
			out = append(out, undeclared(defs, sub, v[k], path+"/"+k)...)
		}
	case []any:
		for i, e := range v {
			out = append(out, undeclared(defs, s["items"], e, path+"/"+strconv.Itoa(i))...)
		}
	}
	return out
}

func TestRDJSONLGolden(t *testing.T) {
	out := format(t, "rdjsonl", sampleResult(t))
	validateRDJSONL(t, out)
	golden(t, "sample.rdjsonl", out)
}

// TestRDJSONLSelectsTheAccount: the range, in 1-based byte columns with an exclusive end, selects
// exactly the account in the file's text, and applying the suggestion gives the fixed line.
func TestRDJSONLSelectsTheAccount(t *testing.T) {
	texts := map[string]string{"gpo/GptTmpl.inf": sampleINF, "scripts/grant rights.ps1": samplePS1}
	r := sampleResult(t)
	type pos struct{ Line, Column int }
	type rng struct{ Start, End pos }
	type diagnostic struct {
		Location struct {
			Path  string
			Range rng
		}
		Suggestions []struct {
			Range rng
			Text  string
		}
	}
	var diags []diagnostic
	for _, line := range lines(format(t, "rdjsonl", r)) {
		var d diagnostic
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		diags = append(diags, d)
	}
	slice := func(path string, r rng) string {
		ls := strings.SplitAfter(texts[path], "\n")
		if r.Start.Line != r.End.Line {
			t.Fatalf("%s: range over lines %d-%d", path, r.Start.Line, r.End.Line)
		}
		return ls[r.Start.Line-1][r.Start.Column-1 : r.End.Column-1]
	}
	for i, f := range r.Findings {
		d := diags[i]
		if got := slice(d.Location.Path, d.Location.Range); got != f.Account {
			t.Errorf("finding %d: range selects %q, want %q", i, got, f.Account)
		}
		for _, s := range d.Suggestions {
			ls := strings.SplitAfter(texts[d.Location.Path], "\n")
			l := ls[s.Range.Start.Line-1]
			fixed := l[:s.Range.Start.Column-1] + s.Text + l[s.Range.End.Column-1:]
			if want := "SeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19\n"; fixed != want {
				t.Errorf("finding %d: suggestion gives %q, want %q", i, fixed, want)
			}
		}
	}
}

func TestRDJSONLFields(t *testing.T) {
	r := manyResult()
	diags := validateRDJSONL(t, format(t, "rdjsonl", r))
	// The suppressed finding is left out; every notification is there.
	if want := len(r.Findings) - 1 + len(r.Notifications); len(diags) != want {
		t.Fatalf("%d diagnostics, want %d", len(diags), want)
	}
	severities := map[string]int{}
	for _, d := range diags {
		severities[d["severity"].(string)]++
		if src := d["source"].(map[string]any); src["name"] != "privlint" || src["url"] != "https://github.com/privlint/privlint" {
			t.Errorf("source %v", src)
		}
		if strings.Contains(d["message"].(string), "suppressed") {
			t.Errorf("suppressed finding written: %v", d)
		}
	}
	if want := map[string]int{"ERROR": 12, "WARNING": 13, "INFO": 3}; len(severities) != 3 ||
		severities["ERROR"] != want["ERROR"] || severities["WARNING"] != want["WARNING"] || severities["INFO"] != want["INFO"] {
		t.Errorf("severities %v, want %v", severities, want)
	}
	first := diags[0]
	code := first["code"].(map[string]any)
	if code["value"] != rules.BroadGroup || code["url"] != rules.MustLookup(rules.BroadGroup).HelpURI() {
		t.Errorf("code %v", code)
	}
	if _, ok := first["suggestions"]; ok {
		t.Errorf("suggestions written for a finding without fixes: %v", first)
	}
	// Notifications: no code; a point range only when the line is known.
	var withRange, without int
	for _, d := range diags[len(diags)-len(r.Notifications):] {
		if _, ok := d["code"]; ok {
			t.Errorf("notification with a code: %v", d)
		}
		if rg, ok := d["location"].(map[string]any)["range"]; ok {
			withRange++
			if start := rg.(map[string]any)["start"].(map[string]any); start["line"] != float64(2) || start["column"] != float64(4) {
				t.Errorf("notification range %v", rg)
			}
		} else {
			without++
		}
	}
	if withRange != 1 || without != 2 {
		t.Errorf("%d notifications with a range, %d without; want 1 and 2", withRange, without)
	}
}

func TestRDJSONLEmpty(t *testing.T) {
	if out := format(t, "rdjsonl", &Result{}); len(out) != 0 {
		t.Errorf("output for no findings: %q", out)
	}
}

func TestUndeclaredCatchesUnknownFields(t *testing.T) {
	_, doc := rdSchema()
	defs := doc.(map[string]any)["definitions"].(map[string]any)
	var inst any
	if err := json.Unmarshal([]byte(`{"message":"m","location":{"path":"a","range":{"start":{"line":1,"col":2}}},"rule":"x"}`), &inst); err != nil {
		t.Fatal(err)
	}
	got := undeclared(defs, defs["Diagnostic"], inst, "")
	if want := []string{"/location/range/start/col", "/rule"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("undeclared = %v, want %v", got, want)
	}
}

// TestRDSchemaRejects makes sure the vendored schema is in force: a severity reviewdog does not know
// and a line that is not a number fail it.
func TestRDSchemaRejects(t *testing.T) {
	sch, _ := rdSchema()
	for _, bad := range []string{
		`{"message":"m","severity":"FATAL"}`,
		`{"message":"m","location":{"path":"a","range":{"start":{"line":"7"}}}}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepts %s", bad)
		}
	}
}
