// Package lsp is privlint's language server: over a JSON-RPC 2.0 stream it publishes the findings of
// the documents an editor holds open as diagnostics, and offers their fixes as quick fixes.
package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/privlint/privlint/internal/discover"
)

// Options configures a server.
type Options struct {
	// MaxSize is the size limit of a document, as of a file in a scan: a larger document is not
	// analyzed, and a diagnostic says so. 0: discover.DefaultMaxSize.
	MaxSize int64
	Version string    // privlint's version, for serverInfo
	Log     io.Writer // where the server says what went wrong on its side; nil: nowhere
}

// messageMargin is what a message may hold besides its document: a text of MaxSize bytes, twice
// that once JSON escapes its backslashes and quotes, plus this.
const messageMargin = 1 << 20

// Exit statuses of Serve, as the protocol asks of the process.
const (
	ExitClean = 0 // exit after shutdown
	ExitAbort = 1 // exit without shutdown, or the stream ended
)

// server is the state of one connection.
type server struct {
	opts        Options
	out         *writer
	maxMessage  int64
	initialized bool
	shutdown    bool
	encoding    string // the position encoding agreed: "utf-16" or "utf-8"
	roots       []root
	docs        map[string]*document // the open documents, by URI as the client wrote it
}

// Serve answers the client that writes to in and reads from out until the client sends exit or in
// ends, and returns the exit status the protocol asks for. It never runs anything it reads, and
// reads no file outside the workspace folders the client names but the documents themselves. A
// malformed message is answered with a JSON-RPC error (a notification is dropped); the error
// returned is the stream's.
func Serve(in io.Reader, out io.Writer, opts Options) (int, error) {
	if opts.MaxSize <= 0 {
		opts.MaxSize = discover.DefaultMaxSize
	}
	s := &server{
		opts:       opts,
		out:        &writer{w: out},
		maxMessage: 2*opts.MaxSize + messageMargin,
		encoding:   encodingUTF16,
		docs:       map[string]*document{},
	}
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		body, err := readMessage(r, s.maxMessage)
		var fe *frameError
		switch {
		case errors.As(err, &fe):
			if err := s.reply(nil, nil, &fe.rpcError); err != nil {
				return ExitAbort, err
			}
			continue
		case errors.Is(err, io.EOF):
			return ExitAbort, nil
		case err != nil:
			return ExitAbort, err
		}
		status, done, err := s.handle(body)
		if done || err != nil {
			return status, err
		}
	}
}

// handle handles one message's body; done is set by exit, with the exit status. The error is the
// output stream's.
func (s *server) handle(body []byte) (status int, done bool, err error) {
	trimmed := bytes.TrimSpace(body)
	var m message
	switch {
	case !json.Valid(trimmed):
		return 0, false, s.reply(nil, nil, &rpcError{codeParseError, "not JSON"})
	case trimmed[0] == '[':
		return 0, false, s.reply(nil, nil, &rpcError{codeInvalidRequest, "batches are not supported"})
	case trimmed[0] != '{' || json.Unmarshal(trimmed, &m) != nil || !validID(m.ID):
		return 0, false, s.reply(nil, nil, &rpcError{codeInvalidRequest, "not a JSON-RPC message"})
	}
	switch {
	case m.Method == "" && m.isRequest() && m.Result == nil && m.Error == nil:
		return 0, false, s.reply(m.ID, nil, &rpcError{codeInvalidRequest, "a request without a method"})
	case m.Method == "":
		return 0, false, nil // a response: the server asks nothing of the client
	case m.JSONRPC != "2.0":
		if m.isRequest() {
			return 0, false, s.reply(m.ID, nil, &rpcError{codeInvalidRequest, `jsonrpc is not "2.0"`})
		}
		return 0, false, nil
	case m.Method == "exit":
		if s.shutdown {
			return ExitClean, true, nil
		}
		return ExitAbort, true, nil
	case m.isRequest():
		result, rerr := s.call(&m)
		return 0, false, s.reply(m.ID, result, rerr)
	}
	s.notify(&m)
	return 0, false, nil
}

// validID reports whether id is absent, null, a number or a string, as JSON-RPC allows.
func validID(id json.RawMessage) bool {
	return len(id) == 0 || id[0] == 'n' || id[0] == '"' || id[0] == '-' || (id[0] >= '0' && id[0] <= '9')
}

// call answers a request. A panic in the server is an internal error of that request, never the
// end of the server.
func (s *server) call(m *message) (result any, rerr *rpcError) {
	defer func() {
		if p := recover(); p != nil {
			s.logf("privlint lsp: %s: internal error: %v", m.Method, p)
			result, rerr = nil, &rpcError{codeInternalError, "internal error"}
		}
	}()
	if m.Method == "initialize" {
		if s.initialized {
			return nil, &rpcError{codeInvalidRequest, "initialize was already called"}
		}
		var p initializeParams
		if err := unmarshalParams(m.Params, &p); err != nil {
			return nil, err
		}
		return s.initialize(&p), nil
	}
	switch {
	case !s.initialized:
		return nil, &rpcError{codeServerNotInitialized, "initialize first"}
	case s.shutdown:
		return nil, &rpcError{codeInvalidRequest, "the server is shut down"}
	}
	switch m.Method {
	case "shutdown":
		s.shutdown = true
		s.docs = map[string]*document{}
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := unmarshalParams(m.Params, &p); err != nil {
			return nil, err
		}
		return s.codeActions(&p), nil
	}
	return nil, &rpcError{codeMethodNotFound, "unknown method " + m.Method}
}

// notify handles a notification; one the server does not know, or whose parameters are wrong, is
// dropped, as the protocol asks.
func (s *server) notify(m *message) {
	if !s.initialized || s.shutdown {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			s.logf("privlint lsp: %s: internal error: %v", m.Method, p)
		}
	}()
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if unmarshalParams(m.Params, &p) == nil {
			s.open(p.TextDocument.URI, p.TextDocument.Version, p.TextDocument.Text)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if unmarshalParams(m.Params, &p) == nil {
			s.change(&p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if unmarshalParams(m.Params, &p) == nil {
			s.save(p.TextDocument.URI)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if unmarshalParams(m.Params, &p) == nil {
			s.close(p.TextDocument.URI)
		}
	}
}

// unmarshalParams reads a message's params into v.
func unmarshalParams(params json.RawMessage, v any) *rpcError {
	if len(params) == 0 {
		return &rpcError{codeInvalidParams, "params are missing"}
	}
	if err := json.Unmarshal(params, v); err != nil {
		return &rpcError{codeInvalidParams, "invalid params: " + err.Error()}
	}
	return nil
}

// reply sends the response to the request id (nil: null, for a message that could not be read).
func (s *server) reply(id json.RawMessage, result any, rerr *rpcError) error {
	if id == nil {
		id = json.RawMessage("null")
	}
	resp := response{JSONRPC: "2.0", ID: id, Error: rerr}
	if rerr == nil {
		raw, err := json.Marshal(result)
		if err != nil {
			return err
		}
		resp.Result = raw
	}
	return s.out.write(resp)
}

// send sends a notification.
func (s *server) send(method string, params any) error {
	return s.out.write(notification{JSONRPC: "2.0", Method: method, Params: params})
}

func (s *server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		fmt.Fprintf(s.opts.Log, format+"\n", args...)
	}
}

// initialize records the workspace and the position encoding, and says what the server can do.
func (s *server) initialize(p *initializeParams) initializeResult {
	s.initialized = true
	s.encoding = chooseEncoding(p.Capabilities.General.PositionEncodings)
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != nil {
		uris = append(uris, *p.RootURI)
	}
	for _, u := range uris {
		if r, ok := newRoot(u); ok {
			s.roots = append(s.roots, r)
		}
	}
	if len(uris) == 0 && p.RootPath != nil && *p.RootPath != "" {
		if r, ok := newRootPath(*p.RootPath); ok {
			s.roots = append(s.roots, r)
		}
	}
	return initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   s.encoding,
			TextDocumentSync:   textDocumentSync{OpenClose: true, Change: textDocumentSyncFull, Save: saveOptions{}},
			CodeActionProvider: codeActionProvider{CodeActionKinds: []string{codeActionQuickFix}},
		},
		ServerInfo: serverInfo{Name: "privlint", Version: s.opts.Version},
	}
}
