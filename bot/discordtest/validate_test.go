package discordtest

import (
	"encoding/json"
	"strings"
	"testing"
)

func callbackOf(t *testing.T, s string) Callback {
	t.Helper()
	var cb Callback
	if err := json.Unmarshal([]byte(s), &cb); err != nil {
		t.Fatal(err)
	}
	return cb
}

func TestValidateCallback(t *testing.T) {
	choices := func(n int) string {
		var cs []string
		for range n {
			cs = append(cs, `{"name":"a","value":"a"}`)
		}
		return `{"type":8,"data":{"choices":[` + strings.Join(cs, ",") + `]}}`
	}
	ok := `"allowed_mentions":{"parse":[]}`
	for _, c := range []struct {
		name        string
		interaction int
		body        string
		want        string // "" when valid
	}{
		{"message", 2, `{"type":4,"data":{"content":"hi",` + ok + `}}`, ""},
		{"ephemeral message", 2, `{"type":4,"data":{"content":"hi","flags":64,` + ok + `}}`, ""},
		{"pinging message", 2, `{"type":4,"data":{"content":"hi"}}`, "allowed_mentions"},
		{"parse everyone", 2, `{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":["everyone"]}}}`, "allowed_mentions"},
		{"empty message", 2, `{"type":4,"data":{` + ok + `}}`, "empty message"},
		{"long content", 2, `{"type":4,"data":{"content":"` + strings.Repeat("x", 2001) + `",` + ok + `}}`, "content is 2001"},
		{"choices to a command", 2, choices(1), "not allowed"},
		{"update to a command", 2, `{"type":7,"data":{"content":"x",` + ok + `}}`, "not allowed"},
		{"25 choices", 4, choices(25), ""},
		{"26 choices", 4, choices(26), "26 choices"},
		{"no choices", 4, `{"type":8,"data":{}}`, "without choices"},
		{"message to autocomplete", 4, `{"type":4,"data":{"content":"x",` + ok + `}}`, "not allowed"},
		{"deferral", 2, `{"type":5,"data":{"flags":64}}`, ""},
		{"deferral with a flag", 2, `{"type":5,"data":{"flags":4}}`, "only carry the EPHEMERAL"},
		{"ephemeral update", 3, `{"type":7,"data":{"content":"x","flags":64,` + ok + `}}`, "cannot set EPHEMERAL"},
		{"button without id", 2, `{"type":4,"data":{` + ok + `,"components":[{"type":1,"components":[{"type":2,"style":1,"label":"x"}]}]}}`, "custom_id"},
		{"six buttons", 2, `{"type":4,"data":{` + ok + `,"components":[{"type":1,"components":[` +
			strings.Repeat(`{"type":2,"style":1,"label":"x","custom_id":"a"},`, 5) + `{"type":2,"style":1,"label":"x","custom_id":"b"}]}]}}`, "holds 6"},
		{"modal", 2, `{"type":9,"data":{"custom_id":"m","title":"T","components":[{"type":1,"components":[{"type":4,"custom_id":"f","label":"F","style":1}]}]}}`, ""},
		{"modal without title", 2, `{"type":9,"data":{"custom_id":"m","components":[{"type":1,"components":[{"type":4,"custom_id":"f","label":"F","style":1}]}]}}`, "title"},
		{"modal from autocomplete", 4, `{"type":9,"data":{"custom_id":"m","title":"T"}}`, "not allowed"},
		{"big embeds", 2, `{"type":4,"data":{` + ok + `,"embeds":[{"description":"` + strings.Repeat("x", 4000) + `"},{"description":"` + strings.Repeat("x", 2001) + `"}]}}`, "total 6001"},
	} {
		errs := validateCallback(c.interaction, callbackOf(t, c.body))
		got := strings.Join(errs, "; ")
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: %q; want %q", c.name, got, c.want)
		}
	}
}

func TestValidateCommands(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"good", `[{"name":"quotes","description":"Q","options":[{"type":3,"name":"speaker","description":"S","required":true,"autocomplete":true,"max_length":100}]},
			{"name":"admin","description":"A","default_member_permissions":"32","options":[{"type":1,"name":"stats","description":"S","options":null}]}]`, ""},
		{"upper case", `[{"name":"Quotes","description":"Q"}]`, "lowercase"},
		{"no description", `[{"name":"q","description":""}]`, "description"},
		{"permissions as number", `[{"name":"q","description":"Q","default_member_permissions":32}]`, "string of digits"},
		{"optional before required", `[{"name":"q","description":"Q","options":[{"type":3,"name":"a","description":"A"},{"type":3,"name":"b","description":"B","required":true}]}]`, "required options must come before"},
		{"mixed", `[{"name":"q","description":"Q","options":[{"type":1,"name":"a","description":"A"},{"type":3,"name":"b","description":"B"}]}]`, "mixed"},
		{"autocomplete and choices", `[{"name":"q","description":"Q","options":[{"type":3,"name":"a","description":"A","autocomplete":true,"choices":[{"name":"x","value":"x"}]}]}]`, "autocomplete cannot"},
		{"duplicate", `[{"name":"q","description":"Q"},{"name":"q","description":"Q"}]`, "duplicate"},
	} {
		var cmds []map[string]any
		if err := json.Unmarshal([]byte(c.body), &cmds); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := strings.Join(validateCommands(cmds), "; ")
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: %q; want %q", c.name, got, c.want)
		}
	}
}
