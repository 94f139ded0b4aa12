package page

import (
	"encoding/json"
	"fmt"

	"netplay/stack/scenario"
)

// The share API is reached through request (shortlink_wasm.go: the
// browser's fetch; shortlink_nowasm.go: net/http). The page's wasm does not
// link net/http's client: its Transport (TLS, HTTP/2, proxies) would be a
// large part of the page's download, and in the browser it would only call
// fetch anyway.

// response is what request returns: the status code, "404 Not Found"
// style status line, and at most limit bytes of the body.
type response struct {
	code   int
	status string
	body   []byte
}

// postShort stores a scenario through the share API (POST {api}) and
// returns its id.
func postShort(api string, body []byte) (string, error) {
	resp, err := request("POST", api, "application/json", body, 4096)
	if err != nil {
		return "", fmt.Errorf("short link: %v", err)
	}
	b := resp.body
	if msg := apiError(b); msg != "" && resp.code >= 400 {
		return "", fmt.Errorf("short link: %s", msg) // e.g. a quota's 429
	}
	if resp.code != 201 && resp.code != 200 { // Created, OK
		return "", fmt.Errorf("short link: this server does not store links (%s)", resp.status)
	}
	var r struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(b, &r); err != nil || !scenario.ValidID(r.ID) {
		return "", fmt.Errorf("short link: unexpected answer %q", b)
	}
	return r.ID, nil
}

// fetchShort loads the scenario with id from the share API (GET {api}/{id}).
func fetchShort(api, id string) (*scenario.Scenario, error) {
	if !scenario.ValidID(id) {
		return nil, fmt.Errorf("short link: %q is not a link id", id)
	}
	resp, err := request("GET", api+"/"+id, "", nil, scenario.MaxSize+1)
	if err != nil {
		return nil, fmt.Errorf("short link: %v", err)
	}
	switch {
	case resp.code == 404:
		return nil, fmt.Errorf("short link: no scenario %s on this server", id)
	case resp.code != 200 && apiError(resp.body) != "":
		return nil, fmt.Errorf("short link: %s", apiError(resp.body))
	case resp.code != 200:
		return nil, fmt.Errorf("short link: %s", resp.status)
	}
	return scenario.Parse(resp.body)
}

// apiError is the message of the share API's {"error": "…"} answer, "" for
// another body.
func apiError(b []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(b, &e) != nil {
		return ""
	}
	return e.Error
}
