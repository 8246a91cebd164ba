package value

import (
	"fmt"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		text string
		want []string // element@remove-span
	}{
		{"a", []string{"a 0-1"}},
		{"a, b ,c", []string{"a 0-3", "b 3-6", "c 4-7"}},
		{" a,,b,", []string{"a 1-4", "b 2-5"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for e := range Split(Source([]byte(tt.text), 0), Commas) {
			got = append(got, fmt.Sprintf("%s %d-%d", e.Text.S, e.Remove[0], e.Remove[1]))
		}
		if strings.Join(got, ";") != strings.Join(tt.want, ";") {
			t.Errorf("Split(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
