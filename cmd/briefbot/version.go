package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(ctx context.Context, a *app, args []string) int {
	c := a.command("version", "", "Prints briefbot's version: the module version, the source revision it\nwas built from, and the Go version.")
	if code, ok := c.parse(args); !ok {
		return code
	}
	fmt.Fprintln(a.stdout, versionString())
	return exitOK
}

// versionString describes the build from the information Go embeds in
// every binary (module version, VCS revision and time, dirty tree).
func versionString() string {
	version, revision, when, dirty := "(devel)", "", "", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		if info.Main.Version != "" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
	}
	out := "briefbot " + version
	if revision != "" {
		if len(revision) > 12 {
			revision = revision[:12]
		}
		out += " " + revision + dirty
	}
	if when != "" {
		out += " " + when
	}
	return fmt.Sprintf("%s %s %s/%s", out, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
