package source

import (
	"encoding/base64"
	"unicode/utf16"
)

// keywords are the words at least one of which every file with something to report contains, in
// any case: the rights' constants, display names and DSC policy names (and their near-misses, which
// keep at least one of these words), the programs and APIs that grant rights, and the suppression
// marker (so a suppression that matches nothing is still reported). A file with none of them, in
// UTF-8 or UTF-16, is not decoded or parsed.
var keywords = []string{
	"privilege", "impersonat", "primarytoken", "level token", "level_token", "level-token",
	"leveltoken", "ntrights", "editrights", "lsaaddaccountrights", "encodedcommand", "privlint:ignore",
}

// encodedKeywords are written in base64 of UTF-16LE inside PowerShell -EncodedCommand payloads (and
// the -e, -en, -enc abbreviations, which the word encodedcommand does not catch). Base64 is case
// sensitive, so they are matched as written, in the usual spellings.
var encodedKeywords = []string{"SeImpersonatePrivilege", "SeAssignPrimaryTokenPrivilege", "ntrights", "Privilege"}

// prefilter finds keywords quickly: it looks only at bytes that can be a keyword's anchor, the
// letter of each keyword rarest in ordinary text, and checks the keyword around it in UTF-8 and in
// UTF-16 (either byte order).
type prefilter struct {
	isAnchor [256]bool // a small table for the loop over every byte
	byAnchor [256][]anchored
}

type anchored struct {
	word   string // lower-case ASCII, or exact for base64 forms
	at     int    // index of the anchor byte in word
	folded bool   // ASCII letters match in any case
}

// anchorRank orders letters from rare to common in English and code; the rarest letter of a keyword
// anchors it.
const anchorRank = "qjzxvkwyfbgpmhudclsnriotae"

var filter = newPrefilter()

func newPrefilter() *prefilter {
	p := &prefilter{}
	add := func(word string, folded bool) {
		best, rank := 0, len(anchorRank)+1
		for i := 0; i < len(word); i++ {
			r := len(anchorRank) // digits, punctuation and upper-case base64 letters: middling
			for j := 0; j < len(anchorRank); j++ {
				if word[i]|0x20 == anchorRank[j] {
					r = j
				}
			}
			if r < rank {
				best, rank = i, r
			}
		}
		a := anchored{word: word, at: best, folded: folded}
		c := word[best]
		p.byAnchor[c] = append(p.byAnchor[c], a)
		p.isAnchor[c] = true
		if folded && isLetter(c) {
			p.byAnchor[c^0x20] = append(p.byAnchor[c^0x20], a)
			p.isAnchor[c^0x20] = true
		}
	}
	for _, k := range keywords {
		add(k, true)
	}
	for _, k := range encodedKeywords {
		for _, s := range base64Forms(k) {
			add(s, false)
		}
	}
	return p
}

// base64Forms returns, for each of the three alignments text can start at in a base64 stream, the
// part of the encoding of text (as UTF-16LE) that does not depend on its neighbors.
func base64Forms(text string) []string {
	var raw []byte
	for _, u := range utf16.Encode([]rune(text)) {
		raw = append(raw, byte(u), byte(u>>8))
	}
	var out []string
	for pad := 0; pad < 3; pad++ {
		buf := append(make([]byte, pad), raw...)
		enc := base64.StdEncoding.EncodeToString(buf)
		// Skip the characters that mix in the padding bytes, and the last ones that mix in what follows.
		start := (pad*8 + 5) / 6
		end := (len(buf) * 8) / 6
		out = append(out, enc[start:end])
	}
	return out
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// MayGrant reports whether raw file content may hold something privlint reports: whether it contains
// one of the keywords in UTF-8 or UTF-16, in any case. It is the prefilter that lets a scan skip most
// files of a repository without decoding or parsing them.
func MayGrant(raw []byte) bool { return filter.match(raw) }

func (p *prefilter) match(raw []byte) bool {
	for i, c := range raw {
		if !p.isAnchor[c] {
			continue
		}
		for _, a := range p.byAnchor[c] {
			if match8(raw, i-a.at, a) || match16(raw, i-2*a.at, a) {
				return true
			}
		}
	}
	return false
}

func eq(c byte, a anchored, k byte) bool {
	if a.folded && isLetter(k) {
		return c|0x20 == k
	}
	return c == k
}

func match8(raw []byte, start int, a anchored) bool {
	if start < 0 || start+len(a.word) > len(raw) {
		return false
	}
	for j := 0; j < len(a.word); j++ {
		if !eq(raw[start+j], a, a.word[j]) {
			return false
		}
	}
	return true
}

// match16 checks the word at start with one byte per character and a zero byte between characters:
// UTF-16LE (the zero after each character) or UTF-16BE (the zero before each).
func match16(raw []byte, start int, a anchored) bool {
	n := len(a.word)
	if !a.folded || start < 0 || start+2*n-1 > len(raw) {
		return false
	}
	for j := 0; j < n; j++ {
		if !eq(raw[start+2*j], a, a.word[j]) || (j < n-1 && raw[start+2*j+1] != 0) {
			return false
		}
	}
	return true
}
