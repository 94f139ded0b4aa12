package page

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"netplay/stack/scenario"
)

// postShort stores a scenario through the share API (POST {api}) and
// returns its id.
func postShort(api string, body []byte) (string, error) {
	resp, err := http.Post(api, "application/json", bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("short link: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("short link: this server does not store links (%s)", resp.Status)
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
	resp, err := http.Get(api + "/" + id)
	if err != nil {
		return nil, fmt.Errorf("short link: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, scenario.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("short link: %v", err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("short link: no scenario %s on this server", id)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("short link: %s", resp.Status)
	}
	return scenario.Parse(b)
}
