package source

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/privlint/privlint/rules"
)

// baseKeywords are the words besides the rights' own (rules.Set.Keywords) at least one of which
// every file with something to report contains, in any case: the word privilege, which every
// constant holds, the programs and APIs that grant rights, and the suppression marker (so a
// suppression that matches nothing is still reported). A file with none of the keywords, in UTF-8
// or UTF-16, is not decoded or parsed.
var baseKeywords = []string{"privilege", "ntrights", "editrights", "lsaaddaccountrights", "encodedcommand", "privlint:ignore"}

// baseEncoded are the words besides the rights' constants written in base64 of UTF-16LE inside
// PowerShell -EncodedCommand payloads (and the -e, -en, -enc abbreviations, which the word
// encodedcommand does not catch). Base64 is case sensitive, so they are matched as written, in the
// usual spellings.
var baseEncoded = []string{"ntrights", "Privilege"}

// Prefilter finds keywords quickly: it looks only at bytes that can be a keyword's anchor, the
// letter of each keyword rarest in ordinary text, and checks the keyword around it in UTF-8 and in
// UTF-16 (either byte order).
type Prefilter struct {
	// pairs holds, as a bit set indexed by two bytes, every anchor followed by the byte that can
	// follow it in a keyword: the keyword's next letter (UTF-8, base64) or a zero byte (UTF-16,
	// either order). The loop over every byte tests a pair, which ordinary text rarely forms, and
	// looks at the keywords of an anchor only then.
	pairs [1 << 16 / 64]uint64
	// pairs16 holds the same for UTF-16 text, where a letter's next letter is two bytes on in
	// either byte order (c 0 n 0, or 0 c 0 n): the anchor and that letter.
	pairs16  [1 << 16 / 64]uint64
	byAnchor [256][]anchored
}

// setPair records that the byte b may follow the anchor a.
func (p *Prefilter) setPair(a, b byte) { setBit(&p.pairs, a, b) }

func setBit(set *[1 << 16 / 64]uint64, a, b byte) {
	x := uint(a)<<8 | uint(b)
	set[x>>6] |= 1 << (x & 63)
}

func hasBit(set *[1 << 16 / 64]uint64, a, b byte) bool {
	x := uint(a)<<8 | uint(b)
	return set[x>>6]&(1<<(x&63)) != 0
}

type anchored struct {
	word   string // lower-case ASCII, or exact for base64 forms
	at     int    // index of the anchor byte in word
	folded bool   // ASCII letters match in any case
}

// anchorRank orders letters from rare to common in English and code; the rarest letter of a keyword
// anchors it.
const anchorRank = "qjzxvkwyfbgpmhudclsnriotae"

var filter = NewPrefilter(rules.Token)

// prefilters holds the prefilter of each set asked for (PrefilterOf), at most maxPrefilters.
var (
	prefiltersMu sync.Mutex
	prefilters   = map[*rules.Set]*Prefilter{nil: filter, rules.Token: filter}
)

// maxPrefilters bounds the prefilters kept: a long-running language server makes a set each time
// its configuration changes.
const maxPrefilters = 16

// PrefilterOf returns the prefilter of set (nil: the token rights), made once: the scan and the
// text embedded in its files (cmdline.MayReport) share it.
func PrefilterOf(set *rules.Set) *Prefilter {
	prefiltersMu.Lock()
	defer prefiltersMu.Unlock()
	if p, ok := prefilters[set]; ok {
		return p
	}
	if len(prefilters) >= maxPrefilters { // keep the token rights' and the newest
		prefilters = map[*rules.Set]*Prefilter{nil: filter, rules.Token: filter}
	}
	p := NewPrefilter(set)
	prefilters[set] = p
	return p
}

// NewPrefilter returns the keyword prefilter of a scan that checks the rights of set: a file passes
// it when it may name one of them, run a program that grants rights, or hold a suppression.
func NewPrefilter(set *rules.Set) *Prefilter {
	p := &Prefilter{}
	add := func(word string, folded bool) {
		// The anchor is the keyword's rarest letter (a pair's rarity, tried, gained nothing measurable).
		best, score := 0, len(anchorRank)+1
		for i := 0; i+1 < len(word); i++ { // not the last byte: the pair is the anchor and the byte after it
			if s := letterRank(word[i]); s < score {
				best, score = i, s
			}
		}
		a := anchored{word: word, at: best, folded: folded}
		c, next := word[best], word[best+1]
		cases := func(b byte) []byte {
			if folded && isLetter(b) {
				return []byte{b | 0x20, b &^ 0x20}
			}
			return []byte{b}
		}
		for _, x := range cases(c) {
			p.byAnchor[x] = append(p.byAnchor[x], a)
			for _, y := range cases(next) {
				p.setPair(x, y)
			}
			if folded {
				p.setPair(x, 0) // the pair loop finds UTF-16 text after 8-bit text too
				for _, y := range cases(next) {
					setBit(&p.pairs16, x, y)
				}
			}
		}
	}
	for _, k := range append(slices.Clone(baseKeywords), set.Keywords()...) {
		add(k, true)
	}
	for _, k := range append(set.Constants(), baseEncoded...) {
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

// letterRank is c's place in anchorRank, from rare to common: a digit, punctuation or upper-case
// base64 letter is middling, a blank the most common.
func letterRank(c byte) int {
	if c == ' ' {
		return len(anchorRank)
	}
	if i := strings.IndexByte(anchorRank, c|0x20); i >= 0 && isLetter(c) {
		return i
	}
	return len(anchorRank) / 2
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// MayGrant reports whether raw file content may hold something privlint reports: whether it contains
// one of the keywords in UTF-8 or UTF-16, in any case. It is the prefilter that lets a scan skip most
// files of a repository without decoding or parsing them.
// It checks the token rights; a scan of other rights asks its own Prefilter.
func MayGrant(raw []byte) bool { return filter.match(raw) }

// MayGrant reports whether raw file content may name one of the prefilter's rights, as the
// function MayGrant does for the token rights.
func (p *Prefilter) MayGrant(raw []byte) bool { return p.match(raw) }

// match reports whether raw holds a keyword. Both loops find every keyword in either encoding; the
// pair loop is the faster on 8-bit text, the anchor loop on UTF-16 (a zero byte in the first bytes),
// where a letter and a zero byte always form a pair.
func (p *Prefilter) match(raw []byte) bool {
	if bytes.IndexByte(raw[:min(len(raw), 512)], 0) >= 0 {
		return p.matchAnchors(raw)
	}
	return p.matchPairs(raw)
}

// matchPairs looks at every pair of bytes of raw that an anchor and its follower can form.
func (p *Prefilter) matchPairs(raw []byte) bool {
	for i := 0; i+1 < len(raw); i++ {
		x := uint(raw[i])<<8 | uint(raw[i+1])
		if p.pairs[x>>6]&(1<<(x&63)) == 0 {
			continue
		}
		if p.at(raw, i) {
			return true
		}
	}
	return false
}

// matchAnchors looks at every pair of raw an anchor and its follower can form in UTF-16 (the
// anchor, a zero byte, the follower) or, where no zero byte follows, in 8-bit text.
func (p *Prefilter) matchAnchors(raw []byte) bool {
	for i := 0; i+2 < len(raw); i++ {
		c := raw[i]
		if raw[i+1] == 0 {
			if !hasBit(&p.pairs16, c, raw[i+2]) {
				continue
			}
		} else if !hasBit(&p.pairs, c, raw[i+1]) {
			continue
		}
		if p.at(raw, i) {
			return true
		}
	}
	return len(raw) >= 2 && hasBit(&p.pairs, raw[len(raw)-2], raw[len(raw)-1]) && p.at(raw, len(raw)-2)
}

// at reports whether a keyword anchored at raw[i] is there, in UTF-8 or UTF-16.
func (p *Prefilter) at(raw []byte, i int) bool {
	for _, a := range p.byAnchor[raw[i]] {
		if match8(raw, i-a.at, a) || match16(raw, i-2*a.at, a) {
			return true
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
