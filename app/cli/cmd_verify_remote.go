package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// verifyRemote asks the instance at base to verify the campaigns (every one when none is named)
// against its own tallies, and reports as skm verify does.
func verifyRemote(env *Env, base, token string, keys []string) int {
	if token == "" {
		return env.errorf("--url needs an administrator's API token: --token or SKM_TOKEN (skm token create --role admin)")
	}
	client := &http.Client{Timeout: 10 * time.Minute}
	get := func(path string, out any) error {
		req, err := http.NewRequest(http.MethodGet, strings.TrimRight(base, "/")+path, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s answered %s: %s", base, resp.Status, strings.TrimSpace(string(body)))
		}
		return json.Unmarshal(body, out)
	}
	if len(keys) == 0 {
		var list struct {
			Items []struct {
				Key string `json:"key"`
			} `json:"items"`
		}
		if err := get("/api/v1/campaigns", &list); err != nil {
			return env.errorf("list campaigns: %v", err)
		}
		for _, c := range list.Items {
			keys = append(keys, c.Key)
		}
	}
	failed := false
	for _, key := range keys {
		var res struct {
			Entry       int64    `json:"entry"`
			Respondents int64    `json:"respondents"`
			Differences []string `json:"differences"`
		}
		if err := get("/api/v1/campaigns/"+url.PathEscape(key)+"/verify", &res); err != nil {
			return env.errorf("verify %s: %v", key, err)
		}
		if len(res.Differences) == 0 {
			fmt.Fprintf(env.Stdout, "%s at %s: tallies equal a recount of %d responses (entry %d)\n", key, base, res.Respondents, res.Entry)
			continue
		}
		failed = true
		fmt.Fprintf(env.Stdout, "%s at %s: %d differences between tallies and a recount:\n  %s\n", key, base, len(res.Differences), strings.Join(res.Differences, "\n  "))
	}
	if failed {
		return 1
	}
	return 0
}
