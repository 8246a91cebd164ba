package source

import (
	"bytes"
	"testing"
	"unicode/utf16"
)

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestDecode(t *testing.T) {
	const text = "[Unicode]\r\nUnicode=yes\r\nX = Jeder,АНОНИМНЫЙ ВХОД,😀\r\n"
	tests := []struct {
		name    string
		raw     []byte
		want    string
		enc     Encoding
		warning bool
	}{
		{"utf8", []byte(text), text, UTF8, false},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, text...), text, UTF8BOM, false},
		{"utf16le bom", append([]byte{0xFF, 0xFE}, utf16le(text)...), text, UTF16LE, false},
		{"utf16be bom", append([]byte{0xFE, 0xFF}, utf16be(text)...), text, UTF16BE, false},
		{"utf16le no bom", utf16le(text), text, UTF16LENoBOM, false},
		{"utf16be no bom", utf16be(text), text, UTF16BENoBOM, false},
		{"bom alone", []byte{0xFF, 0xFE}, "", UTF16LE, false},
		{"empty", nil, "", UTF8, false},
		{"odd length", append([]byte{0xFF, 0xFE}, append(utf16le("ab"), 'c')...), "ab", UTF16LE, true},
		{"lone high surrogate", append([]byte{0xFF, 0xFE}, 'a', 0, 0x00, 0xD8, 'b', 0), "a\uFFFDb", UTF16LE, true},
		{"lone low surrogate", append([]byte{0xFF, 0xFE}, 0x00, 0xDC, 'b', 0), "\uFFFDb", UTF16LE, true},
		{"surrogate at end", append([]byte{0xFF, 0xFE}, 0x00, 0xD8), "\uFFFD", UTF16LE, true},
		{"binary stays utf8", []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x01}, "\x00\x01\x02\x03\x04\x00\x00\x01", UTF8, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, warn := Decode(tt.raw)
			if string(got) != tt.want || enc != tt.enc || (warn != nil) != tt.warning {
				t.Errorf("Decode = %q, %v, %v; want %q, %v, warning %v", got, enc, warn, tt.want, tt.enc, tt.warning)
			}
			if !tt.warning && !bytes.Equal(Encode(got, enc), tt.raw) && len(tt.raw) > 0 {
				t.Errorf("Encode(Decode(raw)) = %x, want %x", Encode(got, enc), tt.raw)
			}
		})
	}
}

func TestLineStarts(t *testing.T) {
	got := LineStarts([]byte("a\r\nb\nc\rd\r\n"))
	want := []int{0, 3, 5, 7}
	if len(got) != len(want) {
		t.Fatalf("LineStarts = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("LineStarts = %v, want %v", got, want)
		}
	}
}

func TestSniffAndLangOf(t *testing.T) {
	for name, want := range map[string]Lang{"GptTmpl.inf": LangINF, "X.INF": LangINF, "a.ps1": LangPowerShell, "a.PSM1": LangPowerShell,
		"a.cmd": LangBatch, "a.BAT": LangBatch, "a.sh": LangShell, "secpol.cfg": LangNone, "README.md": LangNone} {
		if got := LangOf(name); got != want {
			t.Errorf("LangOf(%q) = %q, want %q", name, got, want)
		}
	}
	for text, want := range map[string]Lang{"[Unicode]\nUnicode=yes": LangINF, "\n\n[PRIVILEGE RIGHTS]\n": LangINF,
		"[version]\nsignature=x": LangINF, "# readme": LangNone, "": LangNone,
		"#!/bin/sh\nntrights": LangShell, "#!/bin/bash -e\r\n": LangShell, "#! /usr/bin/env bash\n": LangShell,
		"#!/usr/bin/env -S pwsh -NoProfile\n": LangPowerShell, "#!/usr/local/bin/pwsh": LangPowerShell,
		"#!/usr/bin/env LANG=C ksh\n": LangShell, "#!/bin/mksh\n": LangShell, "\xef\xbb\xbf#!/bin/dash\n": LangShell,
		"#!/usr/bin/python3\n": LangNone, "#!/usr/bin/env\n": LangNone, "#!\n": LangNone, "#!/bin/cmd\n": LangNone,
		" #!/bin/sh\n": LangNone, "# !/bin/sh\n": LangNone, "#!/usr/bin/perl\n[Privilege Rights]\n": LangINF} {
		if got := Sniff([]byte(text)); got != want {
			t.Errorf("Sniff(%q) = %q, want %q", text, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte{0xFF, 0xFE, 'a', 0, 0x00, 0xD8})
	f.Add([]byte{0xFE, 0xFF, 0, 'a', 0xD8, 0x00, 0xDC, 0x00})
	f.Add(utf16le("[Unicode]\r\n"))
	f.Add([]byte("\xEF\xBB\xBF[Privilege Rights]"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, warn := Decode(raw)
		if !enc.IsUTF16() {
			return
		}
		if warn == nil {
			// Valid UTF-16 must round-trip byte for byte.
			if back := Encode(text, enc); !bytes.Equal(back, raw) {
				t.Fatalf("round trip of %v: %x -> %q -> %x", enc, raw, text, back)
			}
		}
	})
}

// TestRawOffsets maps every character boundary of decoded text back to the bytes: the bytes before
// the mapped offset decode to the text before the character, whatever surrounds it (a surrogate
// pair, unpaired surrogates, an odd trailing byte, invalid UTF-8).
func TestRawOffsets(t *testing.T) {
	le := []byte{0xFF, 0xFE, 'a', 0, 0x3D, 0xD8, 0x00, 0xDE, 'b', 0, 0x00, 0xD8, 'c', 0, 0x00, 0xDC, 0xE9, 0, 'x'}
	be := []byte{0xFE, 0xFF, 0, 'a', 0xD8, 0x3D, 0xDE, 0x00, 0, 'b', 0xDC, 0x00, 0xD8, 0x00}
	for _, raw := range [][]byte{le, be, []byte("\xEF\xBB\xBFa\xFFb\xC3\xA9c"), []byte("plain \xE2\x82 text")} {
		text, enc, _ := Decode(raw)
		var offs []int
		for i := range string(text) {
			offs = append(offs, i)
		}
		offs = append(offs, len(text))
		at := RawOffsets(raw, enc, offs)
		for k, off := range offs {
			got, _, _ := Decode(raw[:at[k]])
			if string(got) != string(text[:off]) {
				t.Errorf("%s: offset %d maps to byte %d, whose prefix decodes to %q, want %q", enc, off, at[k], got, text[:off])
			}
		}
	}
}

// FuzzShebang checks that a shebang decides by the first line alone, and that Sniff never fails.
func FuzzShebang(f *testing.F) {
	f.Add([]byte("#!/usr/bin/env -S pwsh -NoProfile"), []byte("[Privilege Rights]"))
	f.Add([]byte("#!/bin/sh"), []byte(""))
	f.Fuzz(func(t *testing.T, first, rest []byte) {
		first = first[:bytesIndexNewline(first)]
		want := Shebang(first)
		if got := Shebang(append(append(append([]byte(nil), first...), '\n'), rest...)); got != want {
			t.Fatalf("Shebang of %q is %q alone, %q with more lines", first, want, got)
		}
		Sniff(append(first, rest...))
	})
}

// bytesIndexNewline returns the length of b's first line.
func bytesIndexNewline(b []byte) int {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return i
	}
	return len(b)
}
