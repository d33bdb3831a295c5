// Package buildinfo tells which version of the program is running.
package buildinfo

import "runtime/debug"

// Version returns stamped when it is set (a main.Version filled in with
// -ldflags "-X main.Version=..."), else the VCS revision or module version
// the Go toolchain recorded, else "unknown".
func Version(stamped string) string {
	if stamped != "" {
		return stamped
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			return s.Value
		}
	}
	if bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "unknown"
}
