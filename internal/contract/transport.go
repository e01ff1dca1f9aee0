package contract

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// Result is the outcome of validating one exchange.
type Result struct {
	Action Action // zero when the request matches no action
	Method string
	Path   string // URL path as sent
	Status int    // response status (0 when no response was received)

	RequestErr  error // request does not match the contract
	ResponseErr error // response does not match the contract

	// Skipped is set for requests outside the contract (auth-host endpoints
	// such as /{envID}/as/token); nothing was validated.
	Skipped bool
	// TransportErr is the error returned by the wrapped RoundTripper (the
	// response was not validated). It is not a contract failure.
	TransportErr error
}

// OK reports whether both the request and the response were validated
// without error.
func (r Result) OK() bool {
	return !r.Skipped && r.TransportErr == nil && r.RequestErr == nil && r.ResponseErr == nil
}

// Failed reports whether the request or the response broke the contract.
func (r Result) Failed() bool { return r.RequestErr != nil || r.ResponseErr != nil }

func (r Result) String() string {
	name := r.Action.Name
	if name == "" {
		name = "?"
	}
	switch {
	case r.Skipped:
		return fmt.Sprintf("%s %s: skipped (outside the contract)", r.Method, r.Path)
	case r.Failed():
		return fmt.Sprintf("%s %s [%s] %d: %v", r.Method, r.Path, name, r.Status, errors.Join(r.RequestErr, r.ResponseErr))
	case r.TransportErr != nil:
		return fmt.Sprintf("%s %s [%s]: transport error: %v", r.Method, r.Path, name, r.TransportErr)
	}
	return fmt.Sprintf("%s %s [%s] %d: ok", r.Method, r.Path, name, r.Status)
}

// Transport returns a RoundTripper that validates every request sent through
// next and every response received, and reports a Result to onResult (which
// may be nil). Bodies are restored byte for byte, and responses and errors
// from next are returned unchanged.
func (c *Contract) Transport(next http.RoundTripper, onResult func(Result)) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &transport{c: c, next: next, onResult: onResult}
}

type transport struct {
	c        *Contract
	next     http.RoundTripper
	onResult func(Result)
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	res := Result{Method: req.Method, Path: req.URL.Path}

	out := req
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		data, err := io.ReadAll(req.Body)
		req.Body.Close()
		out = req.Clone(req.Context())
		out.Body = &replayBody{r: bytes.NewReader(data), err: err}
		if out.GetBody == nil && err == nil {
			out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
		}
		reqBody = data
	}

	action, err := t.c.ValidateRequest(out, reqBody)
	res.Action = action
	switch {
	case errors.Is(err, ErrOutsideContract):
		res.Skipped = true
	case err != nil:
		res.RequestErr = err
	}

	resp, rtErr := t.next.RoundTrip(out)
	if rtErr != nil || resp == nil {
		res.TransportErr = rtErr
		if rtErr == nil {
			res.TransportErr = errors.New("nil response")
		}
		t.report(res)
		return resp, rtErr
	}
	res.Status = resp.StatusCode

	var respBody []byte
	if resp.Body != nil && resp.Body != http.NoBody {
		data, readErr := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = &replayBody{r: bytes.NewReader(data), err: readErr}
		respBody = data
		if readErr != nil {
			res.TransportErr = readErr
			t.report(res)
			return resp, nil
		}
	}
	if !res.Skipped {
		if _, err := t.c.ValidateResponse(out, resp.StatusCode, resp.Header, respBody); err != nil {
			res.ResponseErr = err
		}
	}
	t.report(res)
	return resp, nil
}

func (t *transport) report(r Result) {
	if t.onResult != nil {
		t.onResult(r)
	}
}

// replayBody serves data already read, then the read error (if any) of the
// original body, so the caller sees what the original body would have given.
type replayBody struct {
	r   *bytes.Reader
	err error
}

func (b *replayBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF && b.err != nil {
		return n, b.err
	}
	return n, err
}

func (b *replayBody) Close() error { return nil }

// Middleware returns a handler that validates each request a server receives
// and the response next writes to it, and reports a Result to onResult (which
// may be nil). The response is passed through unchanged as it is written.
func (c *Contract) Middleware(next http.Handler, onResult func(Result)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res := Result{Method: r.Method, Path: r.URL.Path}
		var body []byte
		if r.Body != nil && r.Body != http.NoBody {
			data, err := io.ReadAll(r.Body)
			r.Body.Close()
			r.Body = &replayBody{r: bytes.NewReader(data), err: err}
			body = data
		}
		action, err := c.ValidateRequest(r, body)
		res.Action = action
		switch {
		case errors.Is(err, ErrOutsideContract):
			res.Skipped = true
		case err != nil:
			res.RequestErr = err
		}

		rec := &recordingWriter{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if !rec.wroteHeader {
			rec.WriteHeader(http.StatusOK)
		}
		res.Status = rec.status
		if !res.Skipped {
			if _, err := c.ValidateResponse(r, rec.status, rec.header, rec.body.Bytes()); err != nil {
				res.ResponseErr = err
			}
		}
		if onResult != nil {
			onResult(res)
		}
	})
}

// recordingWriter passes writes through and keeps a copy of the status, the
// headers at the time they were sent and the body.
type recordingWriter struct {
	http.ResponseWriter
	wroteHeader bool
	status      int
	header      http.Header
	body        bytes.Buffer
}

func (w *recordingWriter) WriteHeader(code int) {
	if w.wroteHeader {
		w.ResponseWriter.WriteHeader(code) // let net/http log the superfluous call
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		w.ResponseWriter.WriteHeader(code) // informational: not the final status
		return
	}
	w.wroteHeader = true
	w.status = code
	w.header = w.ResponseWriter.Header().Clone()
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if _, has := w.header["Content-Type"]; !has && w.body.Len() == 0 && len(p) > 0 {
		// net/http sniffs the type of the first write; validate with the same value.
		w.header.Set("Content-Type", http.DetectContentType(p))
	}
	w.body.Write(p)
	return w.ResponseWriter.Write(p)
}

// Flush implements http.Flusher when the underlying writer does.
func (w *recordingWriter) Flush() {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack implements http.Hijacker when the underlying writer does.
func (w *recordingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("contract: response writer does not support hijacking")
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
