//go:build ignore

// conformance measures how much spurious output privlint gives on valid public code that grants
// nothing: it takes real files, appends a comment holding SeImpersonatePrivilege in each file's own
// comment syntax and encoding (so that the keyword prefilter lets the whole file be parsed), scans
// them with privlint --format json, and prints per language the files, the files with any
// notification or finding, their share, and the distinct messages with their counts.
//
// The files come either from a list (../shared/conformance/files.tsv: language, repository, commit,
// path) and a directory of git mirrors, or from a directory of files whose language is known by
// extension:
//
//	go run internal/bench/conformance.go -privlint ./privlint -list files.tsv -mirrors /work/.mirror
//	go run internal/bench/conformance.go -privlint ./privlint -dir some/checkout
//
// A mirror of owner/name is looked for as DIR/owner+name/repo(/.git), DIR/owner+name(.git) or
// DIR/owner/name(.git). When a listed commit is missing from a mirror, the file is taken from the
// mirror's HEAD and the run says so. Nothing is written outside -work.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/privlint/privlint/analyzers/source"
)

// languages are the conformance list's languages in the order the table shows them, with the
// extensions a directory's files are sorted by and the comment that carries the keyword.
var languages = []struct {
	name    string
	exts    []string
	comment string
}{
	{"ps", []string{".ps1", ".psm1", ".psd1"}, "# SeImpersonatePrivilege"},
	{"bat", []string{".bat", ".cmd"}, "REM SeImpersonatePrivilege"},
	{"chef", []string{".rb"}, "# SeImpersonatePrivilege"},
	{"puppet", []string{".pp"}, "# SeImpersonatePrivilege"},
	{"mof", []string{".mof"}, "// SeImpersonatePrivilege"},
}

func commentFor(lang string) (string, bool) {
	for _, l := range languages {
		if l.name == lang {
			return l.comment, true
		}
	}
	return "", false
}

func langOfExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	for _, l := range languages {
		for _, e := range l.exts {
			if e == ext {
				return l.name
			}
		}
	}
	return ""
}

func main() {
	bin := flag.String("privlint", "", "the privlint binary to run")
	list := flag.String("list", "", "conformance list (language, repository, commit, path per line)")
	mirrors := flag.String("mirrors", "", "directory of git mirrors of the list's repositories")
	dir := flag.String("dir", "", "directory of files to take instead of a list")
	work := flag.String("work", "", "empty or missing directory the annotated files are written to")
	verbose := flag.Bool("v", false, "also list every file with output, and its messages")
	flag.Parse()
	if *bin == "" || *work == "" || (*list == "") == (*dir == "") || *list != "" && *mirrors == "" {
		flag.Usage()
		os.Exit(2)
	}
	files := 0
	var err error
	if *list != "" {
		files, err = fromList(*list, *mirrors, *work)
	} else {
		files, err = fromDir(*dir, *work)
	}
	if err != nil {
		log.Fatal(err)
	}
	if files == 0 {
		log.Fatal("no files to scan")
	}
	report, err := scan(*bin, *work)
	if err != nil {
		log.Fatal(err)
	}
	summarize(os.Stdout, *work, report, *verbose)
}

// fromList writes every file of the list, taken from its mirror, to work/<language>/<owner>+<name>/<path>.
func fromList(list, mirrors, work string) (int, error) {
	data, err := os.ReadFile(list)
	if err != nil {
		return 0, err
	}
	gitDirs := map[string]string{}
	haveCommit := map[string]bool{}
	n, fromHead := 0, 0
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return 0, fmt.Errorf("%s:%d: want 4 tab-separated fields, got %d", list, i+1, len(f))
		}
		lang, repo, commit, path := f[0], f[1], f[2], f[3]
		comment, ok := commentFor(lang)
		if !ok {
			return 0, fmt.Errorf("%s:%d: unknown language %q", list, i+1, lang)
		}
		gd, ok := gitDirs[repo]
		if !ok {
			if gd, err = findMirror(mirrors, repo); err != nil {
				return 0, err
			}
			gitDirs[repo] = gd
		}
		rev := repo + "@" + commit
		if _, ok := haveCommit[rev]; !ok {
			haveCommit[rev] = exec.Command("git", "--git-dir="+gd, "cat-file", "-e", commit+"^{commit}").Run() == nil
			if !haveCommit[rev] {
				fmt.Fprintf(os.Stderr, "conformance: %s: commit %s is not in the mirror; its files are taken from HEAD\n", repo, commit)
			}
		}
		if !haveCommit[rev] {
			commit = "HEAD"
			fromHead++
		}
		raw, err := exec.Command("git", "--git-dir="+gd, "show", commit+":"+path).Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "conformance: %s %s:%s: %v; skipped\n", repo, commit, path, err)
			continue
		}
		if err := write(filepath.Join(work, lang, strings.ReplaceAll(repo, "/", "+"), filepath.FromSlash(path)), raw, comment); err != nil {
			return 0, err
		}
		n++
	}
	if fromHead > 0 {
		fmt.Printf("%d files taken from their mirror's HEAD: the listed commit is missing\n", fromHead)
	}
	return n, nil
}

// findMirror returns the git directory of repo (owner/name) under mirrors.
func findMirror(mirrors, repo string) (string, error) {
	owner, name, _ := strings.Cut(repo, "/")
	flat := filepath.Join(mirrors, owner+"+"+name)
	nested := filepath.Join(mirrors, owner, name)
	for _, c := range []string{
		filepath.Join(flat, "repo", ".git"), filepath.Join(flat, "repo"), flat + ".git", filepath.Join(flat, ".git"), flat,
		nested + ".git", filepath.Join(nested, ".git"), nested,
	} {
		if st, err := os.Stat(c); err != nil || !st.IsDir() {
			continue
		}
		if out, err := exec.Command("git", "--git-dir="+c, "rev-parse", "--git-dir").Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
			return c, nil
		}
	}
	return "", fmt.Errorf("no git mirror of %s under %s (fetch it first)", repo, mirrors)
}

// fromDir writes every file under dir whose language the extension tells to work/<language>/<path>.
func fromDir(dir, work string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		lang := langOfExt(p)
		if !d.Type().IsRegular() || lang == "" {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		comment, _ := commentFor(lang)
		n++
		return write(filepath.Join(work, lang, rel), raw, comment)
	})
	return n, err
}

// write writes raw to path with comment appended on a line of its own, in raw's encoding and with
// its line ends.
func write(path string, raw []byte, comment string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s is written twice", path)
	}
	return os.WriteFile(path, annotate(raw, comment), 0o644)
}

// annotate returns raw with comment appended on a line of its own, encoded as raw is.
func annotate(raw []byte, comment string) []byte {
	text, enc, _ := source.Decode(raw)
	nl := "\n"
	switch {
	case bytes.Contains(text, []byte("\r\n")):
		nl = "\r\n"
	case bytes.Contains(text, []byte("\r")):
		nl = "\r"
	}
	suffix := comment + nl
	if len(text) > 0 && !bytes.HasSuffix(text, []byte("\n")) && !bytes.HasSuffix(text, []byte("\r")) {
		suffix = nl + suffix
	}
	switch enc { // the suffix goes after the text: no second byte-order mark
	case source.UTF8BOM:
		enc = source.UTF8
	case source.UTF16LE:
		enc = source.UTF16LENoBOM
	case source.UTF16BE:
		enc = source.UTF16BENoBOM
	}
	out := append([]byte{}, raw...)
	if enc.IsUTF16() && len(out)%2 == 1 {
		out = out[:len(out)-1]
	}
	return append(out, source.Encode([]byte(suffix), enc)...)
}

type report struct {
	FilesScanned int `json:"files_scanned"`
	Findings     []struct {
		Rule, Path, Message string
		Start               struct{ Line int }
	} `json:"findings"`
	Notifications []struct {
		Level, Path, Message string
		Line                 int
	} `json:"notifications"`
}

// scan runs privlint over work, from inside it so that paths start with the language.
func scan(bin, work string) (*report, error) {
	abs, err := filepath.Abs(bin)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(abs, "--format", "json", "--fail-on", "never", ".")
	cmd.Dir = work
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return nil, err
	}
	var r report
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("privlint: %v: %s", err, stderr.Bytes())
	}
	return &r, nil
}

// summarize prints, per language, the files, the files with output, their share, and the distinct
// messages (notification levels and finding rules included) with how often each occurs.
func summarize(w io.Writer, work string, r *report, verbose bool) {
	count := map[string]int{}
	_ = filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(work, p)
			count[strings.Split(filepath.ToSlash(rel), "/")[0]]++
		}
		return nil
	})
	flagged := map[string]map[string][]string{} // language -> path -> line: message
	messages := map[string]map[string]int{}     // language -> message -> occurrences
	add := func(path string, line int, msg string) {
		lang := strings.Split(strings.TrimPrefix(path, "./"), "/")[0]
		if flagged[lang] == nil {
			flagged[lang], messages[lang] = map[string][]string{}, map[string]int{}
		}
		flagged[lang][path] = append(flagged[lang][path], fmt.Sprintf("%d: %s", line, msg))
		messages[lang][msg]++
	}
	for _, f := range r.Findings {
		add(f.Path, f.Start.Line, f.Rule+": "+f.Message)
	}
	for _, n := range r.Notifications {
		add(n.Path, n.Line, n.Level+": "+n.Message)
	}
	fmt.Fprintf(w, "%-8s %6s %8s %7s\n", "language", "files", "flagged", "share")
	total, totalFlagged := 0, 0
	for _, l := range languages {
		if count[l.name] == 0 {
			continue
		}
		total += count[l.name]
		totalFlagged += len(flagged[l.name])
		fmt.Fprintf(w, "%-8s %6d %8d %6.1f%%\n", l.name, count[l.name], len(flagged[l.name]), 100*float64(len(flagged[l.name]))/float64(count[l.name]))
	}
	fmt.Fprintf(w, "%-8s %6d %8d %6.1f%%\n", "all", total, totalFlagged, 100*float64(totalFlagged)/float64(max(total, 1)))
	for _, l := range languages {
		if len(messages[l.name]) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s: distinct messages\n", l.name)
		type mc struct {
			msg string
			n   int
		}
		var ms []mc
		for m, n := range messages[l.name] {
			ms = append(ms, mc{m, n})
		}
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].n != ms[j].n {
				return ms[i].n > ms[j].n
			}
			return ms[i].msg < ms[j].msg
		})
		for _, m := range ms {
			fmt.Fprintf(w, "%6d  %s\n", m.n, m.msg)
		}
		if verbose {
			fmt.Fprintf(w, "\n%s: files\n", l.name)
			var paths []string
			for p := range flagged[l.name] {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			for _, p := range paths {
				for _, m := range flagged[l.name][p] {
					fmt.Fprintf(w, "  %s:%s\n", p, m)
				}
			}
		}
	}
}
