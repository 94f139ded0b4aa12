package scenario

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The client-side share link needs no server: the page URL is
//
//	/#s=<fragment>
//
// where <fragment> is base64url without padding (RFC 4648 §5) of the raw
// DEFLATE (RFC 1951, compress/flate, no zlib or gzip header) of the
// scenario's canonical JSON. The fragment never reaches a server, so the
// link works on any static host. The scenario inside carries its own
// version; DecodeFragment applies the same rules as Parse.

// FragmentPrefix is what precedes the fragment in a page URL.
const FragmentPrefix = "#s="

// maxFragment bounds the encoded length before any decoding: DEFLATE never
// grows data by more than 5 bytes per 64 KiB stored block, so a valid
// fragment is at most the base64 of MaxSize plus a little.
var maxFragment = base64.RawURLEncoding.EncodedLen(MaxSize + 1024)

// EncodeFragment returns the share-link fragment of a valid scenario.
func EncodeFragment(s *Scenario) (string, error) {
	b, err := s.Canonical()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(b); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// DecodeFragment reads a share-link fragment (with or without the leading
// "#s=") back into a validated scenario. The inflated size is bounded by
// MaxSize, so a small fragment cannot expand into a large allocation.
func DecodeFragment(frag string) (*Scenario, error) {
	frag = strings.TrimPrefix(strings.TrimPrefix(frag, "#"), "s=")
	frag = strings.TrimRight(frag, "=") // tolerate padding added by hand
	if frag == "" {
		return nil, errors.New("share link: empty (nothing after #s=)")
	}
	if len(frag) > maxFragment {
		return nil, fmt.Errorf("share link: %d characters is too long for a scenario of at most %d bytes", len(frag), MaxSize)
	}
	z, err := base64.RawURLEncoding.DecodeString(frag)
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			if int(ce) >= len(frag)-1 && len(frag)%4 == 1 {
				return nil, errors.New("share link: cut off (its length is impossible for base64); copy the whole link")
			}
			return nil, fmt.Errorf("share link: damaged: character %d is not base64url", int(ce)+1)
		}
		return nil, fmt.Errorf("share link: damaged: %v", err)
	}
	r := bytes.NewReader(z) // an io.ByteReader: flate reads no further than its stream
	fr := flate.NewReader(r)
	data, err := io.ReadAll(io.LimitReader(fr, MaxSize+1))
	switch {
	case err == io.ErrUnexpectedEOF:
		return nil, errors.New("share link: cut off (the compressed scenario ends early); copy the whole link")
	case err != nil:
		return nil, fmt.Errorf("share link: damaged: %v", err)
	case len(data) > MaxSize:
		return nil, fmt.Errorf("share link: the scenario inside is larger than %d bytes", MaxSize)
	}
	if r.Len() > 0 {
		return nil, fmt.Errorf("share link: damaged: %d unexpected bytes after the compressed scenario", r.Len())
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("share link: %w", err)
	}
	return s, nil
}
