package lsp

import (
	"runtime"
	"testing"
)

// TestOffsetOf: protocol positions to byte offsets, in both encodings, over CRLF and bare CR line
// ends, characters outside the BMP (two UTF-16 units, four bytes), and positions past a line's or
// the text's end.
func TestOffsetOf(t *testing.T) {
	const text = "a😀b\r\nxé\ry" // lines: "a😀b" (bytes 0-5), "xé" (8-10), "y" (12)
	for _, tc := range []struct {
		line, char int
		enc        string
		want       int
	}{
		{0, 0, encodingUTF16, 0},
		{0, 1, encodingUTF16, 1},
		{0, 3, encodingUTF16, 5}, // after the emoji's two units
		{0, 4, encodingUTF16, 6},
		{0, 2, encodingUTF16, 5}, // inside the surrogate pair: never inside a character
		{0, 99, encodingUTF16, 6},
		{1, 2, encodingUTF16, 11},
		{1, 2, encodingUTF8, 11}, // inside é: past it
		{1, 3, encodingUTF8, 11},
		{2, 1, encodingUTF16, 13},
		{3, 0, encodingUTF16, 13},
		{-1, 5, encodingUTF16, 0},
		{0, 5, encodingUTF8, 5},
	} {
		if got := offsetOf(text, position{tc.line, tc.char}, tc.enc); got != tc.want {
			t.Errorf("%d:%d in %s: %d, want %d", tc.line, tc.char, tc.enc, got, tc.want)
		}
	}
	if p := byteColumn(text, 2, 4); p.Line != 2 || p.Col != 4 || p.Col16 != 3 {
		t.Errorf("line 2, byte column 4: %+v, want UTF-16 column 3", p)
	}
}

// TestURIPath: only file: URIs of absolute local paths are documents; the path is clean.
func TestURIPath(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix paths")
	}
	for uri, want := range map[string]string{
		"file:///ws/a%20b.inf":        "/ws/a b.inf",
		"file://localhost/ws/a.inf":   "/ws/a.inf",
		"FILE:///ws/x/../a.inf":       "/ws/a.inf",
		"file://server/share/a.inf":   "",
		"file:a.inf":                  "",
		"untitled:Untitled-1":         "",
		"https://example.com/a.inf":   "",
		"file:///ws/a%00.inf":         "",
		"vscode-notebook-cell:/a.inf": "",
		"file:///":                    "/",
		"%zz":                         "",
	} {
		got, ok := uriPath(uri)
		if got != want || ok != (want != "") {
			t.Errorf("%s: %q, %v; want %q", uri, got, ok, want)
		}
	}
}
