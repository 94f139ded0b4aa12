package engineapi

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"netplay/stack/scenario"
	"netplay/stack/trace"
)

// everyField returns an event with every field set to a value other than
// its zero, different for each n: a field the encoding dropped or
// confused with another shows in a comparison.
func everyField(t *testing.T, n int) trace.Event {
	t.Helper()
	var e trace.Event
	v := reflect.ValueOf(&e).Elem()
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), v.Type().Field(i).Name
		k := n*100 + i + 1
		switch f.Kind() {
		case reflect.String:
			f.SetString(name + " é ✕ \"\n" + strings.Repeat("x", k%7))
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(-k))
		case reflect.Uint32:
			f.SetUint(uint64(1<<31 + k))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Float64:
			f.SetFloat(float64(k) + 0.25)
		case reflect.Slice:
			if f.Type().Elem().Kind() == reflect.Uint8 { // the frame bytes: every byte value
				b := make([]byte, 256+k)
				for j := range b {
					b[j] = byte(j + k)
				}
				f.SetBytes(b)
				break
			}
			// A list of numbers (a fork's descriptors) or of records
			// (select's Ready): two, every field set.
			l := reflect.MakeSlice(f.Type(), 2, 2)
			for j := 0; j < 2; j++ {
				if e := l.Index(j); e.Kind() == reflect.Int {
					e.SetInt(int64(k*10 + j))
				} else {
					fill(t, e, k*10+j)
				}
			}
			f.Set(l)
		default:
			t.Fatalf("trace.Event.%s is a %s: teach everyField that kind", name, f.Kind())
		}
	}
	return e
}

// fill sets every field of the struct v to a value other than its zero.
func fill(t *testing.T, v reflect.Value, k int) {
	t.Helper()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(v.Type().Field(i).Name + strings.Repeat("y", k%5))
		case reflect.Int, reflect.Int64:
			f.SetInt(int64(k + i + 1))
		case reflect.Pointer:
			p := reflect.New(f.Type().Elem())
			p.Elem().SetInt(int64(k + i + 1))
			f.Set(p)
		default:
			t.Fatalf("%s.%s is a %s: teach fill that kind", v.Type(), v.Type().Field(i).Name, f.Kind())
		}
	}
}

// TestResultRoundTrip: every field of every event arrives, the frame
// bytes included, and so does how the run ended.
func TestResultRoundTrip(t *testing.T) {
	res := &Result{
		Warnings: []string{"server.c:12:9: warning: unused variable ‘n’ [-Wunused-variable]", "client.c:3:1: warning: x"},
		End:      "time limit 300s reached",
		Events:   []trace.Event{everyField(t, 1), everyField(t, 2), {Kind: trace.KindExit}},
	}
	result, errText := EncodeResult(res, nil)
	if errText != "" {
		t.Fatal(errText)
	}
	got, err := DecodeResult(result, errText)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, res) {
		t.Errorf("result changed on the way:\n got %+v\nwant %+v", got, res)
	}

	empty, _ := EncodeResult(&Result{End: "stopped"}, nil)
	if got, err := DecodeResult(empty, ""); err != nil || got.End != "stopped" || len(got.Events) != 0 {
		t.Errorf("an empty trace came back as %+v, %v", got, err)
	}
}

// TestErrorRoundTrip: an error arrives as its text, with a compile
// error's file:line:col lines as they were; a result that is not JSON is
// an error that says so.
func TestErrorRoundTrip(t *testing.T) {
	compile := errors.New("server.c:12:5: undeclared identifier x\nclient.c:3:1: expected ';'")
	_, err := DecodeResult(EncodeResult(nil, compile))
	if err == nil || err.Error() != compile.Error() {
		t.Errorf("compile error after the trip: %v", err)
	}
	if _, err := DecodeResult(EncodeResult(nil, nil)); err == nil || !strings.Contains(err.Error(), "no result") {
		t.Errorf("no result and no error arrived as %v", err)
	}
	if _, err := DecodeResult("{not json", ""); err == nil || !strings.Contains(err.Error(), "bad result message") {
		t.Errorf("a broken result message: %v", err)
	}
}

func TestScenarioRoundTrip(t *testing.T) {
	sc, err := scenario.Parse([]byte(`{"version": 1, "title": "t", "seed": 7,
		"hosts": [{"name": "a", "addrs": ["10.0.0.1/24"], "program": "int main(void) { return 0; }\n", "args": ["x"]},
		          {"name": "b", "addrs": ["10.0.0.2/24"]}],
		"links": [{"hosts": ["a", "b"], "delay": "1ms", "loss": 0.5}],
		"faults": [{"drop": {"host": "a", "dir": "out", "flags": "S", "count": 2}}, {"delay": {"nth": 3, "by": "20ms"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	text, err := EncodeScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeScenario(text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, sc) {
		t.Errorf("scenario changed on the way:\n got %+v\nwant %+v", back, sc)
	}
	if again, _ := EncodeScenario(back); again != text {
		t.Errorf("the same scenario encodes two ways (runs made ahead are keyed by it):\n%s\n%s", text, again)
	}
	if _, err := DecodeScenario("[]"); err == nil || !strings.Contains(err.Error(), "bad scenario message") {
		t.Errorf("a broken scenario message: %v", err)
	}
}

// object is a posted message as the browser holds it, for Read: a field
// that is absent reads as JavaScript's undefined.
type object struct {
	v       any
	present bool
}

func (o object) Get(name string) object {
	m, _ := o.v.(map[string]any)
	v, ok := m[name]
	return object{v, ok}
}

func (o object) Truthy() bool {
	switch v := o.v.(type) {
	case string:
		return v != ""
	case int:
		return v != 0
	case bool:
		return v
	}
	return o.present
}

func (o object) String() string {
	s, _ := o.v.(string)
	return s
}

func (o object) Int() int {
	n, _ := o.v.(int)
	return n
}

// TestMessageRoundTrip: each message the page and the engine send comes
// back as it was sent, and carries only its own fields.
func TestMessageRoundTrip(t *testing.T) {
	result, _ := EncodeResult(&Result{Events: []trace.Event{everyField(t, 3)}, End: "all programs exited"}, nil)
	for _, tt := range []struct {
		m      Message
		fields string
	}{
		{Message{Type: TypeRun, ID: 7, Scenario: `{"version":1}`}, "id scenario type"},
		{Message{Type: TypeStop, ID: 7}, "id type"},
		{Message{Type: TypePrepare, Scenario: `{"version":1}`}, "scenario type"},
		{Message{Type: TypeResult, ID: 7, Result: result, Reused: true}, "id result reused type"},
		{Message{Type: TypeResult, ID: 8, Error: "a.c:1:2: x"}, "error id type"},
		{Message{Type: TypeAhead, Key: `{"version":1}`, Result: result}, "key result type"},
		{Message{Type: TypeAhead, Key: `{"version":1}`, Result: result, More: true}, "key more result type"},
		{Message{Type: TypeOutput, ID: 7, Output: "a\n2\nhi"}, "id output type"},
		{Message{Type: TypeInput, ID: 7, Host: "client", Text: "hello\n"}, "host id text type"},
		{Message{Type: TypeInput, ID: 7, Host: "client", EOF: true}, "eof host id type"},
		{Message{Type: TypeWaiting, ID: 7, Result: result}, "id result type"},
		{Message{Type: TypeWarm}, "type"},
		{Message{Type: TypeCrash, Error: "the engine exited"}, "error type"},
	} {
		o := tt.m.Object()
		var names []string
		for k := range o {
			names = append(names, k)
		}
		slices.Sort(names)
		if got := strings.Join(names, " "); got != tt.fields {
			t.Errorf("%s message has fields %q, want %q", tt.m.Type, got, tt.fields)
		}
		if got := Read(object{o, true}); got != tt.m {
			t.Errorf("%s message came back as %+v, want %+v", tt.m.Type, got, tt.m)
		}
	}
	if got := Read(object{map[string]any{}, true}); got != (Message{}) {
		t.Errorf("an empty object reads as %+v", got)
	}
}
