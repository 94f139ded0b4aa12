package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Error is a problem in a scenario. Path names the field the way a person
// would point at it in the JSON ("hosts[1].addrs[0]", "links[0].hosts[2]");
// it is empty for problems with the document as a whole. Line and Column
// (1-based) are set for JSON syntax errors, so an editor can put the cursor
// there.
type Error struct {
	Path   string
	Msg    string
	Line   int
	Column int
}

// Error implements error: "path: message".
func (e *Error) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

func fieldErr(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads a JSON v1 scenario and validates it (see Validate). It returns
// one *Error for the first problem found, naming the field; nothing is
// returned half-checked.
//
// Parse is stricter than encoding/json: field names must match exactly
// (case-sensitive), a field may not appear twice in one object, and nothing
// may follow the scenario object. Documents larger than MaxSize are refused
// before any decoding.
func Parse(data []byte) (*Scenario, error) {
	if len(data) > MaxSize {
		return nil, &Error{Msg: fmt.Sprintf("scenario is %d bytes; the limit is %d bytes (%s, programs and files included)", len(data), MaxSize, MaxSizeText)}
	}
	// A UTF-8 byte order mark is not JSON, but editors on Windows write
	// one; RFC 8259 lets a parser ignore it, as gcc ignores one in C.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Msg: "empty input: want a JSON scenario object"}
	}
	// A document of another version may have fields this one does not
	// know: say that it is another version, not that a field is unknown.
	// Field names are case-sensitive: "Version" is an unknown field, which
	// pass 1 reports (encoding/json would take it for "version").
	var head map[string]json.RawMessage
	var version json.Number
	if json.Unmarshal(data, &head) == nil && json.Unmarshal(head["version"], &version) == nil && version != "" && version != "1" {
		if v, err := version.Int64(); err == nil && v > 1 {
			return nil, fieldErr("version", "%d is not supported; this netplay reads version %d", v, Version)
		}
	}

	// Pass 1: walk the tokens against the Scenario type, so that every
	// structural problem (syntax, unknown or repeated field, wrong type) is
	// reported with its path. encoding/json alone says `json: unknown field
	// "hots"` without saying where.
	c := &checker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	c.dec.UseNumber()
	if err := c.value("", reflect.TypeOf(Scenario{})); err != nil {
		return nil, err
	}
	if _, err := c.dec.Token(); err != io.EOF {
		return nil, c.syntax("", errors.New("unexpected data after the scenario object"))
	}

	// Pass 2: the real decode. Pass 1 accepted the document, so this only
	// fails if the two disagree; report it rather than hide it.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Scenario
	if err := dec.Decode(&s); err != nil {
		return nil, &Error{Msg: "decoding: " + strings.TrimPrefix(err.Error(), "json: ")}
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// checker walks a JSON token stream against a Go type.
type checker struct {
	data []byte
	dec  *json.Decoder
}

var unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// syntax turns a decoder error into an *Error with line and column.
func (c *checker) syntax(path string, err error) *Error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		e := &Error{Path: path, Msg: "unexpected end of input (is the JSON cut off?)"}
		e.Line, e.Column = lineCol(c.data, len(c.data))
		return e
	}
	off := int(c.dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	e := &Error{Path: path}
	e.Line, e.Column = lineCol(c.data, off)
	e.Msg = fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, msg)
	return e
}

// lineCol converts a byte offset to a 1-based line and column.
func lineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// value reads one JSON value at path and checks that it fits type t.
func (c *checker) value(path string, t reflect.Type) error {
	tok, err := c.dec.Token()
	if err != nil {
		return c.syntax(path, err)
	}
	return c.fits(path, t, tok)
}

// fits checks token tok (the first token of a value) against t, reading the
// rest of the value for objects and arrays.
func (c *checker) fits(path string, t reflect.Type, tok json.Token) error {
	if tok == nil { // null
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			return nil
		}
		return fieldErr(path, "null is not allowed here; want %s", describe(t))
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		// Types with their own JSON form (Duration): hand them the value.
		raw, err := c.rawScalar(path, t, tok)
		if err != nil {
			return err
		}
		v := reflect.New(t).Interface().(json.Unmarshaler)
		if err := v.UnmarshalJSON(raw); err != nil {
			return fieldErr(path, "%s", err.Error())
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return c.fits(path, t.Elem(), tok)
	case reflect.Struct:
		if tok != json.Delim('{') {
			return c.mismatch(path, t, tok)
		}
		return c.object(path, t)
	case reflect.Map:
		if tok != json.Delim('{') {
			return c.mismatch(path, t, tok)
		}
		seen := map[string]bool{}
		for c.dec.More() {
			k, err := c.key(path)
			if err != nil {
				return err
			}
			if seen[k] {
				return fieldErr(path, "key %q appears twice", k)
			}
			seen[k] = true
			if err := c.value(join(path, k), t.Elem()); err != nil {
				return err
			}
		}
		return c.end(path)
	case reflect.Slice:
		if tok != json.Delim('[') {
			return c.mismatch(path, t, tok)
		}
		for i := 0; c.dec.More(); i++ {
			if err := c.value(fmt.Sprintf("%s[%d]", path, i), t.Elem()); err != nil {
				return err
			}
		}
		return c.end(path)
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return c.mismatch(path, t, tok)
		}
		return nil
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return c.mismatch(path, t, tok)
		}
		return nil
	case reflect.Int, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return c.mismatch(path, t, tok)
		}
		if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			if !strings.ContainsAny(string(n), ".eE") { // digits only: a whole number too large
				return fieldErr(path, "%s is out of range", clipNumber(string(n)))
			}
			return fieldErr(path, "%s is not a whole number", clipNumber(string(n)))
		}
		return nil
	case reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return c.mismatch(path, t, tok)
		}
		if _, err := strconv.ParseFloat(string(n), 64); err != nil {
			return fieldErr(path, "%s is out of range", clipNumber(string(n)))
		}
		return nil
	}
	return fieldErr(path, "internal error: no JSON rule for Go type %s", t)
}

// rawScalar re-encodes a scalar token for a json.Unmarshaler.
func (c *checker) rawScalar(path string, t reflect.Type, tok json.Token) ([]byte, error) {
	switch v := tok.(type) {
	case json.Delim:
		return nil, c.mismatch(path, t, tok)
	case json.Number:
		return []byte(v), nil
	default:
		return json.Marshal(v)
	}
}

// object reads the members of a JSON object (after '{') against struct t.
func (c *checker) object(path string, t reflect.Type) error {
	fields := jsonFields(t)
	seen := map[string]bool{}
	for c.dec.More() {
		k, err := c.key(path)
		if err != nil {
			return err
		}
		ft, ok := fields[k]
		if !ok {
			msg := fmt.Sprintf("unknown field %q", k)
			if s := suggest(k, fields); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return &Error{Path: path, Msg: msg}
		}
		if seen[k] {
			return fieldErr(join(path, k), "field appears twice")
		}
		seen[k] = true
		if err := c.value(join(path, k), ft); err != nil {
			return err
		}
	}
	return c.end(path)
}

func (c *checker) key(path string) (string, error) {
	tok, err := c.dec.Token()
	if err != nil {
		return "", c.syntax(path, err)
	}
	k, ok := tok.(string)
	if !ok { // the decoder does not let this happen; be safe
		return "", fieldErr(path, "object key is not a string")
	}
	return k, nil
}

// end reads the closing delimiter of an object or array.
func (c *checker) end(path string) error {
	if _, err := c.dec.Token(); err != nil {
		return c.syntax(path, err)
	}
	return nil
}

// mismatch reports a value of the wrong JSON type. For objects and arrays
// the rest of the value is not read: the error ends the walk.
func (c *checker) mismatch(path string, t reflect.Type, tok json.Token) error {
	return fieldErr(path, "want %s, got %s", describe(t), describeToken(tok))
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// jsonFields maps the JSON names of struct t's fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := make(map[string]reflect.Type, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	return m
}

func describe(t reflect.Type) string {
	if t == reflect.TypeOf(Duration(0)) {
		return `a duration string like "10ms"`
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describe(t.Elem())
	case reflect.Struct, reflect.Map:
		return "an object {…}"
	case reflect.Slice:
		return "a list of " + plural(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	}
	return t.String()
}

func plural(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "objects"
	case reflect.String:
		return "strings"
	}
	return "values"
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case string:
		return fmt.Sprintf("the string %q", clip(v, 40))
	case json.Number:
		return "the number " + clipNumber(string(v))
	case bool:
		return strconv.FormatBool(v)
	}
	return "null"
}

// clipNumber shortens a long number for a message: its first digits and
// how many there are.
func clipNumber(n string) string {
	if len(n) <= 24 {
		return n
	}
	return fmt.Sprintf("%s… (%d characters)", n[:20], len(n))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// suggest returns the known field closest to k when it is a likely typo.
func suggest(k string, fields map[string]reflect.Type) string {
	best, bestD := "", 3
	lk := strings.ToLower(k)
	for f := range fields {
		d := editDistance(lk, f)
		if d < bestD || (d == bestD && f < best) {
			best, bestD = f, d
		}
	}
	if bestD > 2 || bestD >= len(k) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b (short strings).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
