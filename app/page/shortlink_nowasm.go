//go:build !wasm

package page

import (
	"bytes"
	"io"
	"net/http"
)

// request sends one HTTP request with net/http (natively: tests, the
// development server).
func request(method, url, contentType string, body []byte, limit int64) (*response, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, err
	}
	return &response{code: resp.StatusCode, status: resp.Status, body: b}, nil
}
