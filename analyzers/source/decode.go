package source

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is how a file's text is stored on disk, so that a rewrite can keep it.
type Encoding int

// Encodings privlint reads.
const (
	UTF8 Encoding = iota
	UTF8BOM
	UTF16LE // with a BOM
	UTF16BE // with a BOM
	UTF16LENoBOM
	UTF16BENoBOM
)

func (e Encoding) String() string {
	return [...]string{"UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "UTF-16LE without BOM", "UTF-16BE without BOM"}[e]
}

// IsUTF16 reports whether e is one of the UTF-16 encodings.
func (e Encoding) IsUTF16() bool { return e >= UTF16LE }

// DetectEncoding decides how raw is encoded: by its byte-order mark, else by the pattern of NUL bytes
// that UTF-16 gives mostly-ASCII text, else UTF-8.
func DetectEncoding(raw []byte) Encoding {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return UTF16LE
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return UTF16BE
	}
	sample := raw[:min(len(raw), 1024)&^1]
	if len(sample) < 4 {
		return UTF8
	}
	var even, odd int
	for i := 0; i < len(sample); i += 2 {
		if sample[i] == 0 {
			even++
		}
		if sample[i+1] == 0 {
			odd++
		}
	}
	pairs := len(sample) / 2
	switch {
	case odd*10 >= pairs*7 && even*10 < pairs: // mostly ASCII in UTF-16LE: every high byte is 0
		return UTF16LENoBOM
	case even*10 >= pairs*7 && odd*10 < pairs:
		return UTF16BENoBOM
	}
	return UTF8
}

// Decode returns raw's text as UTF-8 without a byte-order mark. Problems that do not stop decoding
// (an odd trailing byte, an unpaired surrogate) are returned in warn; the text then holds U+FFFD in
// their place.
func Decode(raw []byte) (text []byte, enc Encoding, warn error) {
	enc = DetectEncoding(raw)
	switch enc {
	case UTF8:
		return raw, enc, nil
	case UTF8BOM:
		return raw[3:], enc, nil
	}
	body := raw
	if enc == UTF16LE || enc == UTF16BE {
		body = raw[2:]
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if enc == UTF16BE || enc == UTF16BENoBOM {
		order = binary.BigEndian
	}
	if len(body)%2 == 1 {
		warn = fmt.Errorf("%s text has an odd number of bytes; the last byte is ignored", enc)
		body = body[:len(body)-1]
	}
	out := make([]byte, 0, len(body)/2+len(body)/8)
	for i := 0; i < len(body); i += 2 {
		u := order.Uint16(body[i:])
		r := rune(u)
		switch {
		case utf16.IsSurrogate(r):
			if u < 0xDC00 && i+3 < len(body) {
				if r2 := rune(order.Uint16(body[i+2:])); r2 >= 0xDC00 && r2 <= 0xDFFF {
					r = utf16.DecodeRune(r, r2)
					i += 2
					break
				}
			}
			if warn == nil {
				warn = fmt.Errorf("%s text has an unpaired surrogate at byte %d; replaced by U+FFFD", enc, i+len(raw)-len(body))
			}
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
	}
	return out, enc, warn
}

// WithoutBOM returns the encoding of text inside a file of encoding e: e without its byte-order mark.
func (e Encoding) WithoutBOM() Encoding {
	switch e {
	case UTF8BOM:
		return UTF8
	case UTF16LE:
		return UTF16LENoBOM
	case UTF16BE:
		return UTF16BENoBOM
	}
	return e
}

// RawOffsets maps byte offsets of the text Decode returns for raw, encoded as enc (the encoding
// Decode detected), to offsets in raw, so that an edit of the text can be spliced into raw and
// every other byte stay as it was: an unpaired surrogate, which the text holds as U+FFFD, or an odd
// trailing byte, which it leaves out. offs must be sorted. An offset inside a character maps to
// the character's first byte; an offset at the end of the text maps to the end of the last whole
// code unit, before an odd trailing byte.
func RawOffsets(raw []byte, enc Encoding, offs []int) []int {
	out := make([]int, len(offs))
	switch enc {
	case UTF8, UTF8BOM:
		start := 0
		if enc == UTF8BOM {
			start = 3
		}
		for i, off := range offs {
			out[i] = start + min(max(off, 0), len(raw)-start)
		}
		return out
	}
	start := 0
	if enc == UTF16LE || enc == UTF16BE {
		start = 2
	}
	order := binary.ByteOrder(binary.LittleEndian)
	if enc == UTF16BE || enc == UTF16BENoBOM {
		order = binary.BigEndian
	}
	body := raw[start:]
	body = body[:len(body)&^1]
	text, k := 0, 0 // text is the offset in the decoded text of the code unit at body[i]
	for i := 0; i < len(body) && k < len(offs); {
		// as Decode: a high surrogate followed by a low one is one character, any other surrogate
		// is U+FFFD
		r, n := rune(order.Uint16(body[i:])), 2
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError
			if u := order.Uint16(body[i:]); u < 0xDC00 && i+3 < len(body) {
				if r2 := rune(order.Uint16(body[i+2:])); r2 >= 0xDC00 && r2 <= 0xDFFF {
					r, n = utf16.DecodeRune(rune(u), r2), 4
				}
			}
		}
		w := utf8.RuneLen(r)
		for k < len(offs) && offs[k] < text+w {
			out[k] = start + i
			k++
		}
		text += w
		i += n
	}
	for ; k < len(offs); k++ {
		out[k] = start + len(body)
	}
	return out
}

// Encode turns UTF-8 text back into enc, adding the byte-order mark the encoding has.
func Encode(text []byte, enc Encoding) []byte {
	switch enc {
	case UTF8:
		return text
	case UTF8BOM:
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	}
	var order binary.AppendByteOrder = binary.LittleEndian
	var out []byte
	switch enc {
	case UTF16LE:
		out = []byte{0xFF, 0xFE}
	case UTF16BE:
		out, order = []byte{0xFE, 0xFF}, binary.BigEndian
	case UTF16BENoBOM:
		order = binary.BigEndian
	}
	for _, r := range string(text) {
		r1, r2 := utf16.EncodeRune(r)
		if r1 == utf8.RuneError && r2 == utf8.RuneError {
			out = order.AppendUint16(out, uint16(r))
			continue
		}
		out = order.AppendUint16(out, uint16(r1))
		out = order.AppendUint16(out, uint16(r2))
	}
	return out
}
