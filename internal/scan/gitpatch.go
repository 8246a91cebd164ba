package scan

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/privlint/privlint/internal/escape"
)

// textPatchable reports whether a text diff of a file whose content is raw, and decoded, applies
// with git apply: raw is its own decoded text (UTF-8 without a byte-order mark) and has no CR
// (git's lines end at LF; the diff's lines would lose the CR, and a CR would be escaped anyway).
func textPatchable(raw, decoded []byte) bool {
	return bytes.Equal(raw, decoded) && utf8.Valid(raw) && bytes.IndexByte(raw, '\r') < 0
}

// binaryPatch writes the change of the file name from old to new as git writes a binary diff:
// a `diff --git` header, an index line with both blobs' full SHA-1 object names (git apply checks
// the file against the first and the result against the second), and `GIT binary patch` with the
// new content and then the old as zlib-compressed literals in git's base85. Every line is ASCII
// from base85's alphabet, which holds neither ':' nor '[', so no line can be read as a workflow
// command. git apply takes it for a file of any encoding and line ends, in a repository of SHA-1
// object names (the default).
func binaryPatch(w io.Writer, name string, old, new []byte) error {
	var b strings.Builder
	fmt.Fprintf(&b, "diff --git %s %s\n", escape.DiffPath("a/"+name), escape.DiffPath("b/"+name))
	fmt.Fprintf(&b, "index %s..%s\n", blobName(old), blobName(new))
	b.WriteString("GIT binary patch\n")
	for _, data := range [][]byte{new, old} {
		if err := binaryLiteral(&b, data); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// blobName is the SHA-1 object name git gives a blob holding data.
func blobName(data []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// binaryLiteral writes one hunk of a binary patch: `literal SIZE`, the zlib-compressed data in
// lines of at most 52 bytes, each led by its length (A-Z for 1-26, a-z for 27-52) and written in
// base85, and an empty line.
func binaryLiteral(b *strings.Builder, data []byte) error {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	fmt.Fprintf(b, "literal %d\n", len(data))
	for rest := z.Bytes(); len(rest) > 0; {
		n := min(len(rest), 52)
		if n <= 26 {
			b.WriteByte(byte('A' + n - 1))
		} else {
			b.WriteByte(byte('a' + n - 27))
		}
		encode85(b, rest[:n])
		b.WriteByte('\n')
		rest = rest[n:]
	}
	b.WriteByte('\n')
	return nil
}

// base85 is git's base85 alphabet (base85.c).
const base85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"

// encode85 writes data in git's base85: each group of 4 bytes, the last padded with zeros, read as
// a big-endian number and written as 5 digits, the most significant first.
func encode85(b *strings.Builder, data []byte) {
	for len(data) > 0 {
		var acc uint32
		for i := range 4 {
			acc <<= 8
			if i < len(data) {
				acc |= uint32(data[i])
			}
		}
		var digits [5]byte
		for i := 4; i >= 0; i-- {
			digits[i] = base85[acc%85]
			acc /= 85
		}
		b.Write(digits[:])
		data = data[min(len(data), 4):]
	}
}
