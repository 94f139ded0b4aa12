package scenario

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
)

// IDLen is the length of a share id.
const IDLen = 11

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// Canonical returns the canonical JSON of a valid scenario: the Scenario
// re-marshalled by encoding/json (fields in struct order, empty optional
// fields left out, map keys sorted, compact, '<', '>' and '&' not escaped so
// C programs stay readable, no trailing newline). Two documents that differ
// only in whitespace, field order or string escapes have the same canonical
// JSON, and so the same ID. Explicit defaults are kept as written: a
// document with "limit": "300s" is not the same as one without a limit.
//
// Canonical validates first and fails on an invalid scenario.
func (s *Scenario) Canonical() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s.marshal()
}

func (s *Scenario) marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ID is the share id of a scenario's canonical JSON: the first 64 bits of
// its SHA-256, big-endian, written in base62 (0-9A-Za-z) and left-padded
// with '0' to IDLen (11) characters. The id is derived from the content, so
// posting the same scenario twice gives the same id and no one can
// overwrite another's scenario.
func ID(canonicalJSON []byte) string {
	sum := sha256.Sum256(canonicalJSON)
	n := binary.BigEndian.Uint64(sum[:8])
	var b [IDLen]byte
	for i := IDLen - 1; i >= 0; i-- {
		b[i] = base62[n%62]
		n /= 62
	}
	return string(b[:])
}

// ValidID reports whether id has the form ID produces, so a store is never
// asked about arbitrary strings.
func ValidID(id string) bool {
	if len(id) != IDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	// 62^11 exceeds 2^64: the largest id is ID of 0xFFFF_FFFF_FFFF_FFFF.
	return id <= maxID
}

var maxID = func() string {
	n := ^uint64(0)
	var b [IDLen]byte
	for i := IDLen - 1; i >= 0; i-- {
		b[i] = base62[n%62]
		n /= 62
	}
	return string(b[:])
}()
