package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/privlint/privlint/rules"
)

// grant is a template that gives SeImpersonatePrivilege to Everyone after a French account name
// with an accent, so that byte and UTF-16 columns differ: Everyone is at bytes 60-68 of line 3
// (0-based), UTF-16 code units 59-67, and its removal (with the comma) at bytes 59-68, units 58-67.
const (
	grant = "[Unicode]\nUnicode=yes\n[Privilege Rights]\nSeImpersonatePrivilege = SERVICE RÉSEAU,*S-1-5-19,*S-1-5-6,Everyone\n"
	fixed = "[Unicode]\nUnicode=yes\n[Privilege Rights]\nSeImpersonatePrivilege = SERVICE RÉSEAU,*S-1-5-19,*S-1-5-6\n"
)

// client speaks the protocol to a server over pipes: what it sends goes to Serve's input, and a
// goroutine reads the server's messages, framed as the protocol frames them, into a channel, so
// that neither side ever waits on the other's writing.
type client struct {
	t      *testing.T
	in     *io.PipeWriter
	out    *io.PipeReader
	msgs   chan map[string]json.RawMessage
	nextID int
	once   sync.Once
	done   chan served
	result served
}

type served struct {
	status int
	err    error
}

func start(t *testing.T, opts Options) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, out: outR, msgs: make(chan map[string]json.RawMessage, 64), done: make(chan served, 1)}
	go func() {
		status, err := Serve(inR, outW, opts)
		inR.Close()
		outW.Close()
		c.done <- served{status, err}
	}()
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(outR)
		for {
			m, err := readFramed(r)
			if err != nil {
				return
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		inW.Close()
		outR.Close()
		c.wait()
	})
	return c
}

// readFramed reads one message as a client would: headers up to an empty line, a Content-Length,
// then the body, which must be a JSON object.
func readFramed(r *bufio.Reader) (map[string]json.RawMessage, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, fmt.Errorf("a header line not ended by CRLF: %q", line)
		}
		line = strings.TrimSuffix(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			if length, err = strconv.Atoi(v); err != nil {
				return nil, err
			}
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(body, &m)
}

// wait returns what Serve returned, once it has.
func (c *client) wait() served {
	c.once.Do(func() { c.result = <-c.done })
	return c.result
}

// raw writes bytes to the server as they are.
func (c *client) raw(s string) {
	c.t.Helper()
	if _, err := io.WriteString(c.in, s); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

// write frames a message and writes it.
func (c *client) write(m map[string]any) {
	c.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// notify sends a notification.
func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.write(map[string]any{"method": method, "params": params})
}

// request sends a request and returns its ID.
func (c *client) request(method string, params any) int {
	c.t.Helper()
	c.nextID++
	c.write(map[string]any{"id": c.nextID, "method": method, "params": params})
	return c.nextID
}

// next returns the server's next message.
func (c *client) next() map[string]json.RawMessage {
	c.t.Helper()
	m, ok := <-c.msgs
	if !ok {
		c.t.Fatal("the server closed its output")
	}
	return m
}

// response returns the server's next message, which must be the response to the request id (0:
// null), and decodes its result into result; the error is the response's.
func (c *client) response(id int, result any) *rpcError {
	c.t.Helper()
	m := c.next()
	want := "null"
	if id != 0 {
		want = strconv.Itoa(id)
	}
	if string(m["id"]) != want || m["method"] != nil {
		c.t.Fatalf("got %s, want the response to %s", dump(m), want)
	}
	if _, ok := m["result"]; ok == (m["error"] != nil) {
		c.t.Fatalf("a response needs a result or an error, not both: %s", dump(m))
	}
	if m["error"] != nil {
		var e rpcError
		if err := json.Unmarshal(m["error"], &e); err != nil {
			c.t.Fatal(err)
		}
		return &e
	}
	if result != nil {
		if err := json.Unmarshal(m["result"], result); err != nil {
			c.t.Fatal(err)
		}
	}
	return nil
}

// call sends a request and returns its response's result.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	if e := c.response(c.request(method, params), result); e != nil {
		c.t.Fatalf("%s: %v", method, e)
	}
}

// diagnostics returns the server's next message, which must publish the diagnostics of uri.
func (c *client) diagnostics(uri string) publishDiagnosticsParams {
	c.t.Helper()
	m := c.next()
	if string(m["method"]) != `"textDocument/publishDiagnostics"` {
		c.t.Fatalf("got %s, want diagnostics", dump(m))
	}
	var p publishDiagnosticsParams
	if err := json.Unmarshal(m["params"], &p); err != nil {
		c.t.Fatal(err)
	}
	if p.URI != uri {
		c.t.Fatalf("diagnostics of %s, want %s", p.URI, uri)
	}
	if p.Diagnostics == nil {
		c.t.Fatalf("diagnostics must be a list, even empty: %s", dump(m))
	}
	return p
}

func dump(m map[string]json.RawMessage) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// fileURI is the file: URI of a path.
func fileURI(p string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// initialize initializes the server for the workspace folder ws, offering the position encodings
// given, and returns the result.
func (c *client) initialize(ws string, encodings ...string) initializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": fileURI(ws)}
	if encodings != nil {
		params["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": encodings}}
	}
	var res initializeResult
	c.call("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

func openParams(uri, text string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "ini", "version": 1, "text": text}}
}

func rng(l1, c1, l2, c2 int) lspRange {
	return lspRange{position{l1, c1}, position{l2, c2}}
}

// TestSession is an editor's session: initialize, open a template with a grant to Everyone, see its
// diagnostic, take its quick fix, send the fixed text, see the diagnostics cleared, shut down, exit.
func TestSession(t *testing.T) {
	ws := t.TempDir()
	path := filepath.Join(ws, "GptTmpl.inf")
	writeFile(t, path, grant)
	uri := fileURI(path)
	c := start(t, Options{Version: "v1.2.3"})

	init := c.initialize(ws)
	caps := init.Capabilities
	if caps.PositionEncoding != encodingUTF16 || caps.TextDocumentSync.Change != textDocumentSyncFull || !caps.TextDocumentSync.OpenClose ||
		len(caps.CodeActionProvider.CodeActionKinds) != 1 || caps.CodeActionProvider.CodeActionKinds[0] != "quickfix" ||
		init.ServerInfo.Name != "privlint" || init.ServerInfo.Version != "v1.2.3" {
		t.Errorf("initialize: %+v", init)
	}

	c.notify("textDocument/didOpen", openParams(uri, grant))
	p := c.diagnostics(uri)
	rule, _ := rules.Lookup("PL1003")
	want := diagnostic{
		Range: rng(3, 59, 3, 67), Severity: severityError, Code: "PL1003",
		CodeDescription: &codeDescription{Href: rule.HelpURI()}, Source: "privlint",
		Message: "SeImpersonatePrivilege is given to Everyone (S-1-1-0), a broad group: any member can become SYSTEM",
	}
	if p.Version == nil || *p.Version != 1 || len(p.Diagnostics) != 1 || !sameDiagnostic(p.Diagnostics[0], want) {
		t.Fatalf("diagnostics: %+v, want version 1 and %+v", p, want)
	}

	// A range elsewhere has no action; the diagnostic's has the removal.
	var none []codeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 1, 0), "context": map[string]any{"diagnostics": []any{}}}, &none)
	if len(none) != 0 {
		t.Errorf("actions on lines 0-1: %+v", none)
	}
	var actions []codeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(3, 63, 3, 63), "context": map[string]any{"diagnostics": p.Diagnostics}}, &actions)
	if len(actions) != 1 {
		t.Fatalf("actions: %+v", actions)
	}
	a := actions[0]
	edits := a.Edit.Changes[uri]
	if a.Title != "Remove Everyone from SeImpersonatePrivilege" || a.Kind != "quickfix" || !a.IsPreferred ||
		len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "PL1003" || len(a.Edit.Changes) != 1 ||
		len(edits) != 1 || edits[0].Range != rng(3, 58, 3, 67) || edits[0].NewText != "" {
		t.Fatalf("action: %+v", a)
	}
	start, end := offsetOf(grant, edits[0].Range.Start, encodingUTF16), offsetOf(grant, edits[0].Range.End, encodingUTF16)
	if got := grant[:start] + edits[0].NewText + grant[end:]; got != fixed {
		t.Fatalf("the edit makes %q, want %q", got, fixed)
	}

	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"text": fixed}}})
	if p := c.diagnostics(uri); *p.Version != 2 || len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %+v", p)
	}
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(3, 63, 3, 63), "context": map[string]any{}}, &actions)
	if len(actions) != 0 {
		t.Errorf("actions after the fix: %+v", actions)
	}

	c.call("shutdown", nil, nil)
	if e := c.response(c.request("textDocument/codeAction", map[string]any{}), nil); e == nil || e.Code != codeInvalidRequest {
		t.Errorf("a request after shutdown: %v", e)
	}
	c.notify("exit", nil)
	if r := c.wait(); r.status != ExitClean || r.err != nil {
		t.Errorf("Serve returned %d, %v; want 0", r.status, r.err)
	}
	if m, ok := <-c.msgs; ok {
		t.Errorf("a message after exit: %s", dump(m))
	}
	if b, _ := os.ReadFile(path); string(b) != grant {
		t.Errorf("the server changed the file on disk: %q", b)
	}
}

func sameDiagnostic(a, b diagnostic) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// TestUTF8Positions: a client that prefers UTF-8 positions gets byte columns, in diagnostics and
// edits; ranged changes are applied in them too; closing a document clears its diagnostics.
func TestUTF8Positions(t *testing.T) {
	ws := t.TempDir()
	uri := fileURI(filepath.Join(ws, "a.inf"))
	c := start(t, Options{})
	if res := c.initialize(ws, "utf-8", "utf-16"); res.Capabilities.PositionEncoding != encodingUTF8 {
		t.Fatalf("position encoding %q, want utf-8", res.Capabilities.PositionEncoding)
	}
	c.notify("textDocument/didOpen", openParams(uri, grant))
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Range != rng(3, 60, 3, 68) {
		t.Fatalf("diagnostics: %+v", p)
	}
	var actions []codeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(3, 60, 3, 68), "context": map[string]any{"only": []string{"quickfix"}}}, &actions)
	if len(actions) != 1 || actions[0].Edit.Changes[uri][0].Range != rng(3, 59, 3, 68) {
		t.Fatalf("actions: %+v", actions)
	}
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(3, 60, 3, 68), "context": map[string]any{"only": []string{"refactor"}}}, &actions)
	if len(actions) != 0 {
		t.Errorf("refactor actions: %+v", actions)
	}
	// A client that sends ranges although the server asked for whole texts: the edit is applied.
	change := map[string]any{"range": rng(3, 59, 3, 68), "text": ""}
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{change}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("after a ranged change: %+v", p)
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 || p.Version != nil {
		t.Errorf("on close: %+v", p)
	}
}

// TestWorkspace: a document takes the configuration found from its directory up to its workspace
// folder, and none above it; a document outside the workspace, or in it through a symbolic link to
// a directory outside, is analyzed alone, without the configuration beside it; a URI that is not a
// file's is not analyzed.
func TestWorkspace(t *testing.T) {
	top := t.TempDir()
	ws := filepath.Join(top, "ws")
	asNote := "rules:\n  PL1003: note\n"
	writeFile(t, filepath.Join(top, ".privlint.yml"), asNote)            // above the workspace
	writeFile(t, filepath.Join(ws, "sub", ".privlint.yml"), asNote)      // the document's
	writeFile(t, filepath.Join(top, "outside", ".privlint.yml"), asNote) // beside a document outside
	// A link in the workspace to a directory outside: its configuration is outside too.
	if err := os.Symlink(filepath.Join(top, "outside"), filepath.Join(ws, "link")); err != nil {
		t.Fatal(err)
	}
	c := start(t, Options{})
	c.initialize(ws)
	for _, tc := range []struct {
		path     string
		severity int
	}{
		{filepath.Join(ws, "sub", "deeper", "a.inf"), severityInformation},
		{filepath.Join(ws, "b.inf"), severityError},
		{filepath.Join(top, "outside", "c.inf"), severityError},
		{filepath.Join(ws, "link", "d.inf"), severityError},
	} {
		uri := fileURI(tc.path)
		c.notify("textDocument/didOpen", openParams(uri, grant))
		if p := c.diagnostics(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != tc.severity {
			t.Errorf("%s: %+v, want severity %d", tc.path, p, tc.severity)
		}
	}
	// A broken configuration is a diagnostic of the document.
	writeFile(t, filepath.Join(ws, ".privlint.yml"), "rules: [")
	uri := fileURI(filepath.Join(ws, "b.inf"))
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != severityError || !strings.Contains(p.Diagnostics[0].Message, "configuration") {
		t.Errorf("a broken configuration: %+v", p)
	}
	// Nothing is published for these: the next message is the response to the request after them.
	c.notify("textDocument/didOpen", openParams("untitled:Untitled-1", grant))
	c.notify("textDocument/didOpen", openParams("https://example.com/a.inf", grant))
	c.notify("textDocument/didOpen", openParams("file://server/share/a.inf", grant))
	c.call("shutdown", nil, nil)
}

// TestTooLarge: a document over the size limit is not analyzed, and a diagnostic says so.
func TestTooLarge(t *testing.T) {
	ws := t.TempDir()
	uri := fileURI(filepath.Join(ws, "big.inf"))
	c := start(t, Options{MaxSize: 64})
	c.initialize(ws)
	c.notify("textDocument/didOpen", openParams(uri, grant+strings.Repeat(";\n", 64)))
	p := c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "" || p.Diagnostics[0].Severity != severityWarning {
		t.Errorf("a document over the limit: %+v", p)
	}
}

// TestRangedChangesBounded: ranged changes that grow a document past the message limit drop its
// text, which is reported as too large, and ranged changes are ignored (a deletion of everything
// included) until the client sends a whole text again.
func TestRangedChangesBounded(t *testing.T) {
	ws := t.TempDir()
	uri := fileURI(filepath.Join(ws, "a.inf"))
	c := start(t, Options{MaxSize: 256})
	c.initialize(ws)
	c.notify("textDocument/didOpen", openParams(uri, ""))
	c.diagnostics(uri)
	change := func(version int, changes ...any) publishDiagnosticsParams {
		c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": changes})
		return c.diagnostics(uri)
	}
	chunk := map[string]any{"range": rng(0, 0, 0, 0), "text": strings.Repeat(";", messageMargin/2)}
	for v := 2; v < 5; v++ {
		if p := change(v, chunk); len(p.Diagnostics) != 1 || !strings.Contains(p.Diagnostics[0].Message, "256-byte limit") {
			t.Fatalf("version %d: %+v, want the document too large", v, p)
		}
	}
	if p := change(5, map[string]any{"range": rng(0, 0, 9, 0), "text": ""}); len(p.Diagnostics) != 1 {
		t.Errorf("a ranged change after the text was dropped: %+v", p)
	}
	p := change(6, map[string]any{"text": ""}, map[string]any{"range": rng(0, 0, 0, 0), "text": grant})
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "PL1003" {
		t.Errorf("a whole text, then a range: %+v", p)
	}
}

// TestMessagesEscaped: an account holding a bidirectional control is shown escaped in the
// diagnostic and the quick fix's title, as the text format shows it, never as the editor would
// render it; the edit removes the account's exact text.
func TestMessagesEscaped(t *testing.T) {
	ws := t.TempDir()
	uri := fileURI(filepath.Join(ws, "a.inf"))
	text := "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-6,web\u202eevil\n"
	c := start(t, Options{})
	c.initialize(ws)
	c.notify("textDocument/didOpen", openParams(uri, text))
	p := c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || !strings.Contains(p.Diagnostics[0].Message, `web\u202eevil`) || strings.ContainsRune(p.Diagnostics[0].Message, '\u202e') {
		t.Fatalf("diagnostics: %+v", p)
	}
	var actions []codeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": p.Diagnostics[0].Range, "context": map[string]any{}}, &actions)
	if len(actions) != 1 || strings.ContainsRune(actions[0].Title, '\u202e') || !strings.Contains(actions[0].Title, `web\u202eevil`) {
		t.Fatalf("actions: %+v", actions)
	}
	e := actions[0].Edit.Changes[uri][0]
	start, end := offsetOf(text, e.Range.Start, encodingUTF16), offsetOf(text, e.Range.End, encodingUTF16)
	if got := text[start:end]; got != ",web\u202eevil" {
		t.Errorf("the edit removes %q", got)
	}
}

// TestRelatedInformation: a finding's related locations become the diagnostic's related
// information, here a duplicate's first assignment in the document.
func TestRelatedInformation(t *testing.T) {
	ws := t.TempDir()
	dup := "[Privilege Rights]\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\nSeImpersonatePrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6\n"
	uri := fileURI(filepath.Join(ws, "dup.inf"))
	c := start(t, Options{})
	c.initialize(ws)
	c.notify("textDocument/didOpen", openParams(uri, dup))
	p := c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "PL2004" {
		t.Fatalf("diagnostics: %+v", p)
	}
	want := []diagnosticRelatedInformation{{Location: location{URI: uri, Range: rng(1, 0, 1, 22)}, Message: "first assignment"}}
	if got := p.Diagnostics[0].RelatedInformation; len(got) != 1 || got[0] != want[0] {
		t.Errorf("related information %+v, want %+v", got, want)
	}
}
