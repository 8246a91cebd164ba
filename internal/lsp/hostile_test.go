package lsp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestMalformedMessages sends what a broken or hostile client might: each gets its JSON-RPC error
// (a notification nothing), and the server goes on answering the next request.
func TestMalformedMessages(t *testing.T) {
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	for _, tc := range []struct {
		name string
		send string
		id   int // the error's request ID; 0: null
		code int // 0: no response at all
	}{
		{"no Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n", 0, codeParseError},
		{"a length that is not one", "Content-Length: -4\r\n\r\n", 0, codeParseError},
		{"a header line without a colon", "Content-Length: 2\r\nhello\r\n\r\n{}", 0, codeParseError},
		{"too many header lines", strings.Repeat("X-A: b\r\n", 20) + "Content-Length: 2\r\n\r\n{}", 0, codeParseError},
		{"not JSON-RPC", "Content-Type: text/html\r\nContent-Length: 2\r\n\r\n{}", 0, codeParseError},
		{"invalid JSON", frame(`{"jsonrpc":"2.0","id":1,"method":`), 0, codeParseError},
		{"JSON that is not an object", frame(`"initialize"`), 0, codeInvalidRequest},
		{"null", frame(`null`), 0, codeInvalidRequest},
		{"an empty body", frame(``), 0, codeParseError},
		{"a method that is not a string", frame(`{"jsonrpc":"2.0","id":7,"method":5}`), 0, codeInvalidRequest},
		{"an ID that is an object", frame(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`), 0, codeInvalidRequest},
		{"a batch", frame(`[{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}]`), 0, codeInvalidRequest},
		{"no method", frame(`{"jsonrpc":"2.0","id":7}`), 7, codeInvalidRequest},
		{"an old version", frame(`{"jsonrpc":"1.0","id":7,"method":"initialize","params":{}}`), 7, codeInvalidRequest},
		{"an unknown method", frame(`{"jsonrpc":"2.0","id":7,"method":"workspace/executeCommand","params":{"command":"rm"}}`), 7, codeMethodNotFound},
		{"an unknown notification", frame(`{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"verbose"}}`), 0, 0},
		{"params of the wrong type", frame(`{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":[1,2]}`), 7, codeInvalidParams},
		{"missing params", frame(`{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction"}`), 7, codeInvalidParams},
		{"a notification with bad params", frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":7}}`), 0, 0},
		{"a change to a document never opened", frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nowhere.inf"},"contentChanges":[{"text":"x"}]}}`), 0, 0},
		{"a response to nothing", frame(`{"jsonrpc":"2.0","id":99,"result":{}}`), 0, 0},
		{"a second initialize", frame(`{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}`), 7, codeInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t, Options{})
			c.initialize(t.TempDir())
			c.raw(tc.send)
			if tc.code != 0 {
				if e := c.response(tc.id, nil); e == nil || e.Code != tc.code {
					t.Errorf("error %v, want code %d", e, tc.code)
				}
			}
			var actions []codeAction
			c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.inf"}, "range": rng(0, 0, 0, 0), "context": map[string]any{}}, &actions)
		})
	}
}

// TestBeforeInitialize: a request before initialize is refused with the protocol's error, a
// notification dropped, and exit without shutdown ends the server with status 1.
func TestBeforeInitialize(t *testing.T) {
	c := start(t, Options{})
	c.notify("textDocument/didOpen", openParams("file:///a.inf", grant))
	if e := c.response(c.request("textDocument/codeAction", map[string]any{}), nil); e == nil || e.Code != codeServerNotInitialized {
		t.Errorf("error %v, want %d", e, codeServerNotInitialized)
	}
	c.notify("exit", nil)
	if r := c.wait(); r.status != ExitAbort || r.err != nil {
		t.Errorf("Serve returned %d, %v; want 1", r.status, r.err)
	}
}

// TestMessageSizeLimit: a message over the limit (twice the size limit and a margin) is refused,
// read past without being held, and the server stays in step with the client.
func TestMessageSizeLimit(t *testing.T) {
	const maxSize = 1 << 10
	c := start(t, Options{MaxSize: maxSize})
	c.initialize(t.TempDir())
	over := 2*maxSize + messageMargin + 1
	c.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n", over))
	c.raw(strings.Repeat(" ", over))
	if e := c.response(0, nil); e == nil || e.Code != codeInvalidRequest || !strings.Contains(e.Message, "over the limit") {
		t.Errorf("error %v, want a refusal", e)
	}
	c.call("shutdown", nil, nil)
}

// TestBrokenStreams: a stream that ends inside a message, a huge Content-Length on a short stream,
// a header line with no end: the server returns an error, status 1, and never panics or holds the
// claimed size.
func TestBrokenStreams(t *testing.T) {
	for _, tc := range []struct {
		name, send string
		err        error
	}{
		{"the end inside a body", "Content-Length: 100\r\n\r\n{", io.ErrUnexpectedEOF},
		{"the end inside the headers", "Content-Length: 100\r\n", io.ErrUnexpectedEOF},
		{"a huge Content-Length", "Content-Length: 9223372036854775807\r\n\r\n{}", io.ErrUnexpectedEOF},
		{"a header line without end", "Content-Length: " + strings.Repeat("9", 1<<16), errHeaderLine},
		{"nothing", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			status, err := Serve(strings.NewReader(tc.send), &out, Options{})
			if status != ExitAbort || !errors.Is(err, tc.err) || (tc.err == nil && err != nil) {
				t.Errorf("Serve returned %d, %v; want 1, %v", status, err, tc.err)
			}
			if out.Len() != 0 {
				t.Errorf("wrote %q", out.String())
			}
		})
	}
}

// TestReadMessageAcceptsLF: header lines ended by a bare LF, blank lines between messages, header
// names in any case.
func TestReadMessageAcceptsLF(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("\r\n\ncontent-length:2\n\n{}CONTENT-LENGTH: 3\r\n\r\n{ }"))
	for _, want := range []string{"{}", "{ }"} {
		body, err := readMessage(r, 10)
		if err != nil || string(body) != want {
			t.Errorf("got %q, %v; want %q", body, err, want)
		}
	}
	if _, err := readMessage(r, 10); !errors.Is(err, io.EOF) {
		t.Errorf("at the end: %v, want EOF", err)
	}
}
