package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestJSONEmptyResultHasArrays(t *testing.T) {
	out := format(t, "json", &Result{})
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"findings", "notifications"} {
		if arr, ok := doc[key].([]any); !ok || len(arr) != 0 {
			t.Errorf("%s = %#v, want []", key, doc[key])
		}
	}
	if doc["version"] != "devel" || doc["schema_version"] != float64(JSONSchemaVersion) {
		t.Errorf("version %v, schema_version %v", doc["version"], doc["schema_version"])
	}
}

func TestJSONFindingFields(t *testing.T) {
	r := sampleResult(t)
	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(format(t, "json", r), &doc); err != nil {
		t.Fatal(err)
	}
	want := []string{"rule", "name", "level", "path", "start", "end", "message", "privilege", "account",
		"sid", "class", "operation", "fingerprint", "fixes"}
	for i, f := range doc.Findings {
		for _, key := range want {
			if _, ok := f[key]; !ok {
				t.Errorf("finding %d has no %q", i, key)
			}
		}
		if fixes, ok := f["fixes"].([]any); !ok || len(fixes) != len(r.Findings[i].Fixes) {
			t.Errorf("finding %d: fixes %#v", i, f["fixes"])
		}
	}
}

// trickyResult is sampleResult with text that JSON escapes or that looks like the arrays the
// formatters stream into, and a suppressed finding.
func trickyResult(t *testing.T) *Result {
	r := sampleResult(t)
	r.Findings[0].Message = "<&> \u2028 \"findings\": [] \n      \"results\": []"
	r.Findings[1].Suppression = &Suppression{Kind: "inSource", Justification: `"notifications": []`}
	r.Notifications[0].Message = "\n  \"notifications\": []\n"
	return r
}

// TestJSONStreamsOneDocument: writing findings one at a time gives the bytes that encoding the
// whole document at once gives.
func TestJSONStreamsOneDocument(t *testing.T) {
	for name, r := range map[string]*Result{"empty": {}, "sample": sampleResult(t), "tricky": trickyResult(t),
		"notifications only": {Notifications: sampleResult(t).Notifications}} {
		out := jsonReport{SchemaVersion: JSONSchemaVersion, Version: r.version(), FilesScanned: r.FilesScanned,
			Findings: []jsonFinding{}, Notifications: []jsonNotification{}}
		for i := range r.Findings {
			out.Findings = append(out.Findings, jsonFindingOf(&r.Findings[i]))
		}
		for _, n := range r.Notifications {
			out.Notifications = append(out.Notifications, jsonNotification{Level: string(n.level()), Path: n.Path, Line: n.Line, Column: n.Col, Message: n.Message})
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		if got := format(t, "json", r); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: streamed\n%s\nwant\n%s", name, got, want.Bytes())
		}
	}
}
