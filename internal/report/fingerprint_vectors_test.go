package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

var writeVectorFiles = flag.String("write-vector-files", "", "write the files of TestLineHashesActionVectors to this `directory`, to compute their vectors anew")

// vectorTemplate is a security template as Windows writes it, granting SeImpersonatePrivilege to
// Everyone on line 7.
const vectorTemplate = "[Unicode]\nUnicode=yes\n[Version]\nsignature=\"$CHICAGO$\"\nRevision=1\n[Privilege Rights]\n" +
	"SeImpersonatePrivilege = *S-1-5-32-544,*S-1-1-0,CONTOSO\\Jürgen\n" +
	"SeAssignPrimaryTokenPrivilege = *S-1-5-19,*S-1-5-20\n"

// utf16Bytes encodes text as UTF-16 in the byte order given, with CRLF line ends when crlf, and a
// byte-order mark when bom.
func utf16Bytes(text string, bigEndian, crlf, bom bool) []byte {
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	units := utf16.Encode([]rune(text))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	var b []byte
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// chunkedFile is a file of 6 x 64 KiB and a little more whose bytes at each multiple of 64 KiB (where
// Node.js's fs.createReadStream, which the upload action reads files with, ends a chunk) are in the
// middle of a character, well-formed or not: the action decodes each chunk with a StringDecoder that
// carries an incomplete character over to the next.
func chunkedFile() []byte {
	const chunk = 64 << 10
	straddles := []struct {
		seq    string
		before int // bytes of seq in the chunk that ends in it
	}{
		{"\xf0\x9f\x98\x80", 1}, // U+1F600: a surrogate pair in UTF-16
		{"\xe2\x82\xac", 2},     // €
		{"\xf0\x90\x80A", 2},    // a 4-byte sequence cut short, then A
		{"\xe0\x80\x80", 1},     // an overlong lead and two continuation bytes: three U+FFFD
		{"\xed\xa0\x80", 2},     // an encoded surrogate: three U+FFFD
		{"\xc3", 1},             // a 2-byte lead, then a line feed
	}
	var b bytes.Buffer
	for k, s := range straddles {
		at := (k+1)*chunk - s.before
		for n := 0; b.Len() < at; n++ {
			line := "SeImpersonatePrivilege = *S-1-5-32-544, *S-1-5-19 ; filler line\n"
			if n%7 == 0 {
				line = "\tindented\r\n"
			}
			b.WriteString(line[:min(len(line), at-b.Len())])
		}
		b.WriteString(s.seq)
		b.WriteString("\n")
	}
	b.WriteString("the end")
	return b.Bytes()
}

// actionVectorFiles are the files of TestLineHashesActionVectors, by name.
func actionVectorFiles() map[string][]byte {
	return map[string][]byte{
		"utf16le-bom-crlf.inf": utf16Bytes(vectorTemplate, false, true, true),
		"utf16le-lf.inf":       utf16Bytes(vectorTemplate, false, false, false),
		"utf16be-bom-crlf.inf": utf16Bytes(vectorTemplate, true, true, true),
		"utf8-bom-crlf.inf":    append([]byte("\xef\xbb\xbf"), strings.ReplaceAll(vectorTemplate, "\n", "\r\n")...),
		"invalid-utf8.inf": []byte("[Privilege Rights]\r\n; caf\xe9 na\xefve\r\n" +
			"SeImpersonatePrivilege = CONTOSO\\J\xfcrgen,\xed\xa0\x80,\xf0\x9f\x98,\xe0\x80\x80,\xc0\xaf\xff\n\xe2\x82"),
		"mixed-eol.ps1": []byte("# lone CR\rntrights +r SeImpersonatePrivilege -u Everyone\r\n\r\n  \t\r" +
			strings.Repeat("Grant-CPrivilege -Identity 'CONTOSO\\svc' -Privilege SeImpersonatePrivilege\n", 4) +
			"𝒜 \t 漢字\n\n\nno final line break"),
		"chunked.inf": chunkedFile(),
	}
}

// TestLineHashesActionVectors checks LineHashes against values computed by the upload action's own
// algorithm: github/codeql-action's src/fingerprints.ts at commit
// f3f1edbedfb4a1d188d344570834df2996d45d39 (function hash), transcribed to JavaScript and run with
// Node.js v20.20.2 over these files' bytes, read as the action reads them
// (fs.createReadStream(file, "utf8"), hashing each chunk's charCodeAt values). Regenerate the files
// with -write-vector-files DIR. Long files list the number of lines and the SHA-256 of all their
// hashes, each followed by a line feed but the last.
func TestLineHashesActionVectors(t *testing.T) {
	files := actionVectorFiles()
	if *writeVectorFiles != "" {
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(*writeVectorFiles, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		lines  int
		digest string
		hashes []string
	}{
		{"utf16le-bom-crlf.inf", 17, "9eb622860dc6383a75ca92cd46ccb1bb390f65a7f1d336d9cc13863da2110520", []string{
			"19e561436901ae2c:1", "b0cd0f33223f5709:1", "8076226c2597dd2d:1", "9b27904c459e4fb7:1",
			"be7281da4c77b79e:1", "3dc5934e617509b4:1", "5d7098212bc06032:1", "f283729831b864af:1",
			"e8cfa9dbe3f1e89a:1", "de9e7caadebe10d9:1", "856887bb27478db0:1", "c401d17a934e17ba:1",
			"35991277bd7c4f8e:1", "b6043daca0347fb8:1", "648daa1eb99e6cbe:1", "2b2a0b1019200bf9:1",
			"dbb503105d3f7427:1",
		}},
		{"utf16le-lf.inf", 9, "7d54e007f31c6c7cb4868399d0f96aad2f9f8ee61e66ab68c98b98ba72fd272d", []string{
			"7347148e5f8f0624:1", "75914baa29c7f324:1", "75312dd07d40a43b:1", "e35193eceb41e629:1",
			"1b0aad4b90f4f493:1", "ae898a91f4fc8aff:1", "35991277bd7c4f8e:1", "648daa1eb99e6cbe:1",
			"dbb503105d3f7427:1",
		}},
		{"utf16be-bom-crlf.inf", 17, "dd60c367a350e93027c862f2ee75afdcdc9d37e6d31aceddb4b19cb20f6148d8", []string{
			"9826d2c5b883e294:1", "b0cd0f33223f5709:1", "8076226c2597dd2d:1", "9b27904c459e4fb7:1",
			"be7281da4c77b79e:1", "3dc5934e617509b4:1", "5d7098212bc06032:1", "f283729831b864af:1",
			"e8cfa9dbe3f1e89a:1", "de9e7caadebe10d9:1", "856887bb27478db0:1", "c401d17a934e17ba:1",
			"35991277bd7c4f8e:1", "b6043daca0347fb8:1", "648daa1eb99e6cbe:1", "fab6606a19b511d5:1",
			"c129715d7a2bc9a3:1",
		}},
		{"utf8-bom-crlf.inf", 9, "4bc3c3e7f973a39d2c049e257726cc839a2f61177cefc3bf0c58e3078f20c2f7", []string{
			"4e932c6a37996f65:1", "9f4b5e7b9a5eb3c1:1", "46d5d398f2c43395:1", "3c3a64b1f27507ae:1",
			"756cae438313fe2b:1", "c43c78c90f562a1b:1", "1551d251f1f4f5c1:1", "9796f0757ead130f:1",
			"c129715d7a2bc9a3:1",
		}},
		{"invalid-utf8.inf", 4, "c9281e4cff5f75c9a14382b0f69bb799e147fb0c4c7d3468995eb3dfd7ae3864", []string{
			"7342081b5773a414:1", "77665e2dc5e4ba8a:1", "7227a5208f9cdcc3:1", "8989dec65f08d110:1",
		}},
		{"mixed-eol.ps1", 12, "82569e18725cf2569baf2603a18f037148497da3ce2d75770d6b09e7d1adcf21", []string{
			"c2cb55a6720d85f3:1", "d4d5fa2923129199:1", "c2d898bede473dc1:1", "312ded90212b5aca:1",
			"23832fcecc238d16:1", "23832fcecc238d16:2", "23832fcecc238d16:3", "5b15624d9c1cea18:1",
			"93c12aef08780e9b:1", "ab9ab6cb575173f7:1", "d53c455d9fa53049:1", "d995e08213bf6823:1",
		}},
		{"chunked.inf", 6973, "9ce76519316749859fa2d21a8357d317eab2c2ba3dcdaf1ab1cc9060a1e77001", nil},
	}
	if len(tests) != len(files) {
		t.Fatalf("%d vectors for %d files", len(tests), len(files))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LineHashes(files[tt.name])
			sum := sha256.Sum256([]byte(strings.Join(got, "\n")))
			if len(got) != tt.lines || hex.EncodeToString(sum[:]) != tt.digest {
				t.Errorf("%d lines with digest %x, want %d lines with digest %s", len(got), sum, tt.lines, tt.digest)
			}
			if tt.hashes != nil && !slices.Equal(got, tt.hashes) {
				t.Errorf("LineHashes\n got %q\nwant %q", got, tt.hashes)
			}
		})
	}
}
