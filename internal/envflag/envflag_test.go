package envflag

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func newSet() (*flag.FlagSet, *string, *int, *time.Duration, *bool) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address`")
	n := fs.Int("max-body", 10, "body limit in bytes")
	d := fs.Duration("shutdown-timeout", time.Second, "how long to wait")
	v := fs.Bool("version", false, "print the version")
	return fs, addr, n, d, v
}

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestParse(t *testing.T) {
	vars := env(map[string]string{
		"APP_ADDR":             ":9999",
		"APP_MAX_BODY":         "42",
		"APP_SHUTDOWN_TIMEOUT": "5s",
		"APP_VERSION":          "true",
	})
	fs, addr, n, d, v := newSet()
	if err := Parse(fs, "APP", []string{"-max-body", "7"}, vars, "version"); err != nil {
		t.Fatal(err)
	}
	if *addr != ":9999" || *n != 7 || *d != 5*time.Second || *v {
		t.Errorf("addr %q max-body %d timeout %v version %v", *addr, *n, *d, *v)
	}
}

func TestParseBadValue(t *testing.T) {
	fs, _, _, _, _ := newSet()
	err := Parse(fs, "APP", nil, env(map[string]string{"APP_MAX_BODY": "lots"}))
	if err == nil || !strings.Contains(err.Error(), "APP_MAX_BODY") {
		t.Errorf("err = %v, want one naming APP_MAX_BODY", err)
	}
}

func TestPrintDefaults(t *testing.T) {
	fs, _, _, _, _ := newSet()
	var b strings.Builder
	PrintDefaults(&b, fs, "APP", "version")
	out := b.String()
	for _, want := range []string{
		"  -addr address\n    \tlisten address (default \"127.0.0.1:8080\")\n    \tenv APP_ADDR\n",
		"  -max-body int\n    \tbody limit in bytes (default 10)\n    \tenv APP_MAX_BODY\n", "(default 1s)\n    \tenv APP_SHUTDOWN_TIMEOUT", "  -version\n    \tprint the version\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("usage lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "APP_VERSION") {
		t.Errorf("a skipped flag has a variable:\n%s", out)
	}
}

func TestName(t *testing.T) {
	if got := Name("REGIONSEARCH", "log-format"); got != "REGIONSEARCH_LOG_FORMAT" {
		t.Errorf("Name = %q", got)
	}
}
