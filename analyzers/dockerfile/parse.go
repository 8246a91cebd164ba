package dockerfile

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/privlint/privlint/analyzers/value"

	"github.com/privlint/privlint/analyzers/cmdline"
)

// instruction is one Dockerfile instruction with its continuation lines joined.
type instruction struct {
	keyword string // upper case
	args    value.Text
}

// directiveEscape reads the escape parser directive (# escape=` or # escape=\) from the top of the
// file; the default escape character is the backslash.
func directiveEscape(s string) byte {
	for line := range strings.Lines(s) {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "#") {
			break
		}
		key, value, ok := strings.Cut(strings.TrimSpace(t[1:]), "=")
		if !ok || strings.ContainsAny(strings.TrimSpace(key), " \t") {
			break // a comment ends the directives
		}
		if v := strings.TrimSpace(value); strings.EqualFold(strings.TrimSpace(key), "escape") && (v == "`" || v == `\`) {
			return v[0]
		}
	}
	return '\\'
}

// instructions splits a Dockerfile into instructions. An escape character at the end of a line
// continues the instruction on the next line; comment lines and empty lines inside a continued
// instruction are dropped, as Docker does.
func instructions(src value.Text, escape byte) []instruction {
	s := src.S
	var (
		out  []instruction
		b    value.Builder
		kw   string
		open bool
	)
	for pos := 0; pos < len(s); {
		end := strings.IndexByte(s[pos:], '\n')
		next := len(s)
		if end < 0 {
			end = len(s)
		} else {
			end += pos
			next = end + 1
		}
		from := pos // continuation lines keep their leading blanks, as Docker joins them
		first := strings.TrimLeft(s[pos:end], " \t\r")
		switch {
		case first == "" || first[0] == '#':
			pos = next
			continue
		case !open:
			from = skipBlanks(s[:end], pos)
			j := from
			for j < end && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' {
				j++
			}
			kw = strings.ToUpper(s[from:j])
			from = skipBlanks(s[:end], j)
		}
		content := strings.TrimRight(s[from:end], "\r")
		trimmed := strings.TrimRight(content, " \t")
		cont := strings.HasSuffix(trimmed, string(escape))
		if cont {
			content = trimmed[:len(trimmed)-1]
		}
		for i := from; i < from+len(content); i++ {
			b.Copy(src, i)
		}
		open = cont
		if !open {
			out = append(out, instruction{kw, b.Done(src.Offset(from + len(content)))})
		}
		pos = next
	}
	if open {
		out = append(out, instruction{kw, b.Done(src.Offset(len(s)))})
	}
	return out
}

// jsonArray reads t as a JSON array of strings, the exec form of RUN and the form of SHELL. ok is
// false when t is not one: RUN then reads it as a shell command.
func jsonArray(t value.Text) (args []cmdline.Arg, ok bool) {
	s := t.S
	i := skipSpace(s, 0)
	if i >= len(s) || s[i] != '[' {
		return nil, false
	}
	i = skipSpace(s, i+1)
	if i < len(s) && s[i] == ']' {
		return nil, skipSpace(s, i+1) == len(s)
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return nil, false
		}
		var v value.Text
		if v, i, ok = jsonString(t, i); !ok {
			return nil, false
		}
		args = append(args, cmdline.Arg{Value: v})
		i = skipSpace(s, i)
		switch {
		case i < len(s) && s[i] == ',':
			i = skipSpace(s, i+1)
		case i < len(s) && s[i] == ']' && skipSpace(s, i+1) == len(s):
			return args, true
		default:
			return nil, false
		}
	}
}

// jsonString reads the JSON string starting at the quote at i; every decoded byte maps to the
// source bytes that wrote it.
func jsonString(t value.Text, i int) (value.Text, int, bool) {
	s := t.S
	var b value.Builder
	for i++; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return b.Done(t.Offset(i)), i + 1, true
		case c < 0x20:
			return value.Text{}, i, false
		case c != '\\':
			b.Copy(t, i)
			continue
		}
		if i+1 >= len(s) {
			return value.Text{}, i, false
		}
		start := i
		var r rune
		switch e := s[i+1]; e {
		case '"', '\\', '/':
			r = rune(e)
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			u, ok := hex4(s, i+2)
			if !ok {
				return value.Text{}, i, false
			}
			r, i = rune(u), i+4
			if utf16.IsSurrogate(r) {
				if lo, ok := hex4(s, i+4); ok && i+3 < len(s) && s[i+2] == '\\' && s[i+3] == 'u' {
					r, i = utf16.DecodeRune(r, rune(lo)), i+6
				} else {
					r = utf8.RuneError
				}
			}
		default:
			return value.Text{}, i, false
		}
		i++
		lo, _ := t.Span(start, start+1)
		_, hi := t.Span(i, i+1)
		for _, c := range []byte(string(r)) {
			b.Byte(c, lo, hi, false)
		}
	}
	return value.Text{}, i, false
}

func hex4(s string, i int) (uint16, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+4], 16, 16)
	return uint16(v), err == nil
}

func skipSpace(s string, i int) int {
	for i < len(s) && strings.IndexByte(" \t\r\n", s[i]) >= 0 {
		i++
	}
	return i
}
