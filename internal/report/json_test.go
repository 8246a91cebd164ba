package report

import (
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
