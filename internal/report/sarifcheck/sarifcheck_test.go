package sarifcheck

import (
	"encoding/json"
	"strings"
	"testing"
)

// valid is a small SARIF log that passes every check; each case below breaks one thing in it.
const valid = `{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {
      "name": "privlint",
      "rules": [{
        "id": "PL1001",
        "shortDescription": {"text": "Short."},
        "fullDescription": {"text": "Full."},
        "help": {"text": "Help.", "markdown": "**Help.**"},
        "properties": {"tags": ["security"], "security-severity": "8.8", "precision": "high"}
      }]
    }},
    "columnKind": "utf16CodeUnits",
    "results": [{
      "ruleId": "PL1001",
      "ruleIndex": 0,
      "level": "error",
      "message": {"text": "Bad \\[x\\] (via [call of \\[a\\]](1)) (via [first](2))."},
      "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "gpo/GptTmpl.inf", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 9}
      }}],
      "relatedLocations": [{
        "id": 1,
        "message": {"text": "call of [a]"},
        "physicalLocation": {
          "artifactLocation": {"uri": "install.ps1", "uriBaseId": "%SRCROOT%"},
          "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 12}
        }
      }, {
        "id": 2,
        "message": {"text": "first"},
        "physicalLocation": {
          "artifactLocation": {"uri": "gpo/GptTmpl.inf", "uriBaseId": "%SRCROOT%"},
          "region": {"startLine": 2}
        }
      }],
      "fixes": [{
        "description": {"text": "Remove it."},
        "artifactChanges": [{
          "artifactLocation": {"uri": "gpo/GptTmpl.inf", "uriBaseId": "%SRCROOT%"},
          "replacements": [{
            "deletedRegion": {"startLine": 7, "startColumn": 4, "endLine": 7, "endColumn": 9},
            "insertedContent": {"text": ""}
          }]
        }]
      }]
    }]
  }]
}`

// mutate returns valid changed by f, which gets the decoded log and the first run.
func mutate(t *testing.T, f func(log, run map[string]any)) []byte {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal([]byte(valid), &log); err != nil {
		t.Fatal(err)
	}
	f(log, log["runs"].([]any)[0].(map[string]any))
	out, err := json.Marshal(log)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// path walks obj along keys and array indexes.
func path(obj any, steps ...any) map[string]any {
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			obj = obj.(map[string]any)[s]
		case int:
			obj = obj.([]any)[s]
		}
	}
	return obj.(map[string]any)
}

func TestValidAccepted(t *testing.T) {
	if err := Validate([]byte(valid)); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenRejected(t *testing.T) {
	location := func(run map[string]any) map[string]any {
		return path(run, "results", 0, "locations", 0, "physicalLocation", "artifactLocation")
	}
	rule := func(run map[string]any) map[string]any { return path(run, "tool", "driver", "rules", 0) }
	related := func(run map[string]any, i int) map[string]any { return path(run, "results", 0, "relatedLocations", i) }
	tests := []struct {
		name, want string
		f          func(log, run map[string]any)
	}{
		{"not JSON", "not JSON", nil},
		{"backslash uri", "backslash", func(_, run map[string]any) { location(run)["uri"] = `gpo\GptTmpl.inf` }},
		{"absolute uri", "not relative", func(_, run map[string]any) { location(run)["uri"] = "file:///srv/a.inf" }},
		{"rooted uri", "not relative", func(_, run map[string]any) { location(run)["uri"] = "/srv/a.inf" }},
		{"uri leaving the root", "leaves", func(_, run map[string]any) { location(run)["uri"] = "../a.inf" }},
		{"no uriBaseId", "no uriBaseId", func(_, run map[string]any) { delete(location(run), "uriBaseId") }},
		{"no insertedContent", "insertedContent", func(_, run map[string]any) {
			delete(path(run, "results", 0, "fixes", 0, "artifactChanges", 0, "replacements", 0), "insertedContent")
		}},
		{"startLine 0", "schema", func(_, run map[string]any) {
			path(run, "results", 0, "locations", 0, "physicalLocation", "region")["startLine"] = 0
		}},
		{"no region", "startLine", func(_, run map[string]any) {
			delete(path(run, "results", 0, "locations", 0, "physicalLocation"), "region")
		}},
		{"two runs", "2 runs", func(log, run map[string]any) { log["runs"] = []any{run, run} }},
		{"no run", "0 runs", func(log, _ map[string]any) { log["runs"] = []any{} }},
		{"severity as number", "want a string", func(_, run map[string]any) {
			path(rule(run), "properties")["security-severity"] = 8.8
		}},
		{"severity out of range", "from 0 to 10", func(_, run map[string]any) {
			path(rule(run), "properties")["security-severity"] = "11"
		}},
		{"severity not a number", "from 0 to 10", func(_, run map[string]any) {
			path(rule(run), "properties")["security-severity"] = "high"
		}},
		{"severity without security tag", `"security" tag`, func(_, run map[string]any) {
			path(rule(run), "properties")["tags"] = []any{"windows"}
		}},
		{"empty help", "help.text", func(_, run map[string]any) { rule(run)["help"] = map[string]any{"markdown": "x"} }},
		{"no shortDescription", "shortDescription", func(_, run map[string]any) { delete(rule(run), "shortDescription") }},
		{"empty fullDescription", "fullDescription", func(_, run map[string]any) {
			rule(run)["fullDescription"] = map[string]any{"text": ""}
		}},
		{"wrong ruleIndex", "ruleIndex", func(_, run map[string]any) { path(run, "results", 0)["ruleIndex"] = 3 }},
		{"two locations", "2 locations", func(_, run map[string]any) {
			res := path(run, "results", 0)
			loc := res["locations"].([]any)[0]
			res["locations"] = []any{loc, loc}
		}},
		{"bad level", "schema", func(_, run map[string]any) { path(run, "results", 0)["level"] = "fatal" }},
		{"no message", "schema", func(_, run map[string]any) { delete(path(run, "results", 0), "message") }},
		{"byte columns", "columnKind", func(_, run map[string]any) { delete(run, "columnKind") }},
		{"no version", "schema", func(log, _ map[string]any) { delete(log, "version") }},
		{"related without id", "no id", func(_, run map[string]any) { delete(related(run, 0), "id") }},
		{"related ids the same", "id 1 of another", func(_, run map[string]any) { related(run, 1)["id"] = 1 }},
		{"related without message", "relatedLocations[1] has no message", func(_, run map[string]any) { delete(related(run, 1), "message") }},
		{"related uri absolute", "not relative", func(_, run map[string]any) {
			path(related(run, 0), "physicalLocation", "artifactLocation")["uri"] = "file:///srv/install.ps1"
		}},
		{"related without region", "relatedLocations[1].physicalLocation.region.startLine", func(_, run map[string]any) {
			delete(path(related(run, 1), "physicalLocation"), "region")
		}},
		{"link to no related location", "links to 3", func(_, run map[string]any) {
			path(run, "results", 0, "message")["text"] = "Bad (via [call](1)) (via [first](2)) [x](3)."
		}},
		{"related location not linked", "does not link to related location 2", func(_, run map[string]any) {
			path(run, "results", 0, "message")["text"] = "Bad (via [call](1)) \\[first\\](2)."
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte("{ runs: ")
			if tt.f != nil {
				data = mutate(t, tt.f)
			}
			err := Validate(data)
			if err == nil {
				t.Fatalf("Validate accepted it:\n%s", data)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v\nwant an error mentioning %q", err, tt.want)
			}
		})
	}
}
