package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEFlags keeps the README's commands table and the subcommands'
// flags in step: each flag the table shows exists, and each flag a
// subcommand has (but the common --config) is shown.
func TestREADMEFlags(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]string{} // subcommand -> its table row
	for _, m := range regexp.MustCompile("(?m)^\\| `briefbot (\\w+)([^`]*)`").FindAllStringSubmatch(string(readme), -1) {
		documented[m[1]] = m[2]
	}
	flagRe := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	for _, c := range subcommands() {
		row, ok := documented[c.name]
		if !ok {
			t.Errorf("README.md's commands table lacks briefbot %s", c.name)
			continue
		}
		help := inProcess(c.name, "--help").stdout
		has := map[string]bool{}
		for _, m := range flagRe.FindAllStringSubmatch(help, -1) {
			has[m[1]] = true
			if m[1] != "config" && !strings.Contains(row, "--"+m[1]) {
				t.Errorf("README.md does not show briefbot %s --%s", c.name, m[1])
			}
		}
		for _, m := range regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(row, -1) {
			if !has[m[1]] {
				t.Errorf("README.md shows briefbot %s --%s, which it does not have", c.name, m[1])
			}
		}
	}
}
