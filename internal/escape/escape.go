// Package escape renders untrusted text (file names, accounts, text quoted from files) for each of
// privlint's output channels, so that nothing a scanned repository holds can forge output: no line
// break, no terminal control sequence, no invisible or reordering character, and no GitHub Actions
// workflow command privlint did not mean to print.
//
// The Actions runner reads every line a step prints (lines end at LF, CR or CRLF) as a command when,
// after leading Unicode white space is trimmed, it starts with "::" and holds a second "::" (the
// current syntax), or when it holds "##[" anywhere (the legacy syntax). Each function here keeps
// untrusted text from doing either.
package escape

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Human is s for a line read by people: the text format, the plain lines of the github format and
// every message on standard error. Characters strconv.IsPrint rejects are written as Go escapes: C0
// controls and DEL as \n, \r, \t, \x1b and the like, every other one (C1 controls such as U+0085,
// U+2028 and U+2029, bidirectional controls, zero-width and other format characters, every space
// but U+0020) as \u2028 or \U000e0001; a byte that is not valid UTF-8 as \xff. So are "[" after
// "##" (as \x5b), and a ":" with only spaces before it that ends the text or that another ":"
// follows (as \x3a), so that a line holds no workflow command whatever text follows. A backslash is left alone, so that CONTOSO\svc reads as
// written: the rendering is for reading and is not reversible (a name holding the four characters
// \x1b looks like one holding ESC); the JSON formats hold the exact text.
func Human(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := true // only spaces so far
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			writeHex(&b, `\x`, uint32(s[i]), 2)
		case r == ':' && lead && (i+1 == len(s) || s[i+1] == ':'):
			b.WriteString(`\x3a`)
		case r == '[' && strings.HasSuffix(b.String(), "##"):
			b.WriteString(`\x5b`)
		case r < 0x20 || r == 0x7f:
			if i := strings.IndexRune("\a\b\f\n\r\t\v", r); i >= 0 {
				b.WriteByte('\\')
				b.WriteByte("abfnrtv"[i])
			} else {
				writeHex(&b, `\x`, uint32(r), 2)
			}
		case !strconv.IsPrint(r):
			if r <= 0xFFFF {
				writeHex(&b, `\u`, uint32(r), 4)
			} else {
				writeHex(&b, `\U`, uint32(r), 8)
			}
		default:
			b.WriteString(s[i : i+n])
		}
		lead = lead && r == ' '
		i += n
	}
	return b.String()
}

// isPlain reports whether Human leaves s as it is: printable ASCII without "##[" or a leading ":".
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	lead := strings.TrimLeft(s, " ")
	return lead != ":" && !strings.HasPrefix(lead, "::") && !strings.Contains(s, "##[")
}

func writeHex(b *strings.Builder, prefix string, v uint32, digits int) {
	const hex = "0123456789abcdef"
	b.WriteString(prefix)
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		b.WriteByte(hex[v>>shift&15])
	}
}

// The Actions toolkit's escapes, which the runner undoes: githubData for a command's message,
// githubProperty for a property value.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// GitHubMessage is s as the message of a workflow command (`::error ...::message`): rendered by
// Human, as the annotation is read by people, then escaped as the Actions toolkit does. The runner
// shows Human(s).
func GitHubMessage(s string) string { return githubData.Replace(Human(s)) }

// GitHubProperty is s as the value of a workflow command's property (`file=...`), escaped as the
// Actions toolkit does (% CR LF : , as %25 %0D %0A %3A %2C), so that the runner gets s back exactly
// and an annotation lands on the file it names. The runner reads a line that starts with "::" as a
// command of the current syntax and never looks for "##[" in it, so a property may hold any text.
// The runner trims white space off both ends of the properties as a whole: a value is exact when
// another property follows it.
func GitHubProperty(s string) string { return githubProperty.Replace(s) }

// DiffPath is a file name with its a/ or b/ prefix as git writes it in a diff header (git's
// quote_c_style with core.quotePath on): as it is when it holds only printable ASCII other than
// `"` and `\`, else in double quotes, with \a \b \t \n \v \f \r \" \\ and every other control or
// non-ASCII byte in octal (\303\274 for ü). A name holding "##[" is quoted too, its "[" written
// \133, so that no header holds a workflow command; git apply reads the name back exactly.
func DiffPath(name string) string {
	quote := strings.Contains(name, "##[")
	for i := 0; i < len(name) && !quote; i++ {
		c := name[i]
		quote = c < 0x20 || c >= 0x7f || c == '"' || c == '\\'
	}
	if !quote {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= '\a' && c <= '\r':
			b.WriteByte('\\')
			b.WriteByte("abtnvfr"[c-'\a'])
		case c < 0x20 || c >= 0x7f, c == '[' && strings.HasSuffix(b.String(), "##"):
			b.WriteByte('\\')
			b.WriteByte('0' + c>>6)
			b.WriteByte('0' + c>>3&7)
			b.WriteByte('0' + c&7)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// DiffLine is one line of a unified diff's hunk: prefix (" ", "-" or "+") and the line's text
// without its end. The text is written as it is, so that the patch applies, unless no line may
// hold it: a character Human escapes (a tab aside), "##[", or a line the Actions runner would read
// as a command (a context line starting with "::" after white space, with a second "::"). Then
// the text is written as Human renders it; that hunk does not apply, and --fix is the way to
// apply it.
func DiffLine(prefix, text string) string {
	line := prefix + text
	if printable(text) && !strings.Contains(line, "##[") && !isCommand(line) {
		return line
	}
	return prefix + Human(text)
}

// printable reports whether s is valid UTF-8 of tabs and characters strconv.IsPrint accepts.
func printable(s string) bool {
	for _, r := range s {
		if r != '\t' && !strconv.IsPrint(r) {
			return false
		}
	}
	return utf8.ValidString(s)
}

// isCommand reports whether the runner would read line as a command of the current syntax: after
// leading white space it starts with "::" and holds another "::".
func isCommand(line string) bool {
	line = strings.TrimLeft(line, " \t")
	return strings.HasPrefix(line, "::") && strings.Contains(line[2:], "::")
}

// JSON makes JSON as encoding/json writes it safe to print without changing what it decodes to.
// encoding/json escapes C0 controls, U+2028 and U+2029 and writes each byte that is not valid UTF-8
// as U+FFFD; JSON writes every other character strconv.IsPrint rejects (DEL, C1 controls,
// bidirectional and other format characters, spaces but U+0020) as a \u escape, and "[" after
// "##" as \u005b, so that no line holds a legacy workflow command. Such characters appear only
// inside strings, where any character may be written as a \u escape.
func JSON(b []byte) []byte {
	plain := !bytes.Contains(b, []byte("##["))
	for i := 0; i < len(b) && plain; i++ {
		plain = b[i] < 0x7f
	}
	if plain {
		return b
	}
	const hex = "0123456789abcdef"
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == '[' && len(out) >= 2 && out[len(out)-1] == '#' && out[len(out)-2] == '#' ||
			r >= 0x7f && (!strconv.IsPrint(r) || n == 1) {
			for _, u := range utf16.AppendRune(nil, r) {
				out = append(out, '\\', 'u', hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
			}
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
