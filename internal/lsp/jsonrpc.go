package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 error codes, and the one LSP adds.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
)

// Limits of the framing: a header line, and the number of header lines of one message. The
// body's limit is the server's (Server.maxMessage).
const (
	maxHeaderLine  = 1 << 10
	maxHeaderLines = 16
)

// message is any JSON-RPC 2.0 message: a request (ID and Method), a notification (Method only) or
// a response (ID with Result or Error). ID is kept as sent, a number or a string.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest reports whether m asks for a response: it has an ID that is not null.
func (m *message) isRequest() bool {
	return len(m.ID) > 0 && !bytes.Equal(m.ID, []byte("null"))
}

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// frameError is a message whose framing was wrong but whose end was found: the connection goes on
// with the next message, and the client is told with a response of ID null.
type frameError struct{ rpcError }

// readMessage reads one message's body, framed as LSP frames it: header lines `Name: value` ended
// by CRLF (a bare LF is accepted), an empty line, then Content-Length bytes. Content-Type, when
// given, must be JSON in UTF-8. A body longer than limit is read and dropped, never held. A
// *frameError is for one bad message, after which reading can go on; any other error (io.EOF,
// a header line too long to find its end) ends the connection.
func readMessage(r *bufio.Reader, limit int64) ([]byte, error) {
	length := int64(-1)
	var problem string
	for n := 0; ; n++ {
		line, err := readLine(r)
		if err != nil {
			if errors.Is(err, io.EOF) && n > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if line == "" {
			if n == 0 {
				n-- // blank lines between messages are tolerated
				continue
			}
			break
		}
		if n >= maxHeaderLines {
			problem = "too many header lines" // read on all the same, to find the body's length
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			problem = "a header line without a colon"
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "content-length":
			v, err := strconv.ParseInt(value, 10, 64)
			if err != nil || v < 0 {
				problem = "Content-Length is not a length"
				continue
			}
			length = v
		case "content-type":
			if !strings.HasPrefix(strings.ToLower(value), "application/vscode-jsonrpc") && !strings.HasPrefix(strings.ToLower(value), "application/json") {
				problem = "Content-Type is not JSON-RPC"
			}
		}
	}
	if length < 0 {
		// Without a length the body cannot be told from the next header: what follows is read as
		// headers, and refused until a message with a length comes.
		return nil, &frameError{rpcError{codeParseError, "a message without Content-Length"}}
	}
	if length > limit {
		if _, err := io.CopyN(io.Discard, r, length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, &frameError{rpcError{codeInvalidRequest, fmt.Sprintf("a message of %d bytes, over the limit of %d", length, limit)}}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	if problem != "" {
		return nil, &frameError{rpcError{codeParseError, problem}}
	}
	return body, nil
}

// errHeaderLine is the error for a header line over maxHeaderLine bytes: the rest of the stream
// cannot be framed.
var errHeaderLine = errors.New("a header line over 1 KiB")

// readLine reads a header line without its CRLF or LF, of at most maxHeaderLine bytes.
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b)+len(chunk) > maxHeaderLine+2 {
			return "", errHeaderLine
		}
		b = append(b, chunk...)
		switch {
		case err == nil:
			return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(b) > 0:
			return "", io.ErrUnexpectedEOF
		default:
			return "", err
		}
	}
}

// writer writes framed messages; it is safe for use by several goroutines.
type writer struct {
	mu sync.Mutex
	w  io.Writer
}

// write frames v, marshaled as JSON, and writes it.
func (w *writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = w.w.Write(body)
	return err
}

// response is a JSON-RPC response: Result (JSON, "null" at least) on success, Error otherwise,
// never both. ID is null when the request's could not be read.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// notification is a JSON-RPC notification the server sends.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}
