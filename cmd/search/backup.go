package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/investnews/regionsearch/analyzers"
	"github.com/investnews/regionsearch/index"
	"github.com/investnews/regionsearch/internal/backup"
	"github.com/investnews/regionsearch/internal/envflag"
	"github.com/investnews/regionsearch/internal/saved"
)

// savedDBName is the saved-search store's file in the data directory.
const savedDBName = "saved.db"

// isTool reports whether args name a subcommand rather than server flags.
func isTool(args []string) bool {
	return len(args) > 0 && (args[0] == "backup" || args[0] == "restore")
}

// runTool runs the subcommand named by args[0] and returns the exit status:
// 0 on success, 1 when it failed, 2 for a usage error.
func runTool(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	switch args[0] {
	case "backup":
		err = backupCommand(ctx, args[1:], stdout, stderr)
	case "restore":
		err = restoreCommand(ctx, args[1:], stdout, stderr)
	}
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "search %s: %v\n", args[0], err)
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

var errUsage = errors.New("usage")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

func parseTool(fs *flag.FlagSet, args []string, stderr io.Writer, synopsis string) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "%s\nFlags:\n", synopsis)
		envflag.PrintDefaults(stderr, fs, envPrefix)
	}
	if err := envflag.Parse(fs, envPrefix, args, nil); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected arguments %q", fs.Args())
	}
	return nil
}

// backupCommand snapshots the index and the saved searches: through a
// running server's admin endpoint with -url, or directly from the files
// when no server has them open.
func backupCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search backup", flag.ContinueOnError)
	url := fs.String("url", "", "`URL` of a running server to snapshot (it writes to its own -backup-dir)")
	token := fs.String("admin-token", "", "the server's admin `token`")
	var loc localDirs
	loc.flags(fs, "index `directory` to snapshot without a server (default: DATA/index)", "data `directory` holding saved.db")
	out := fs.String("out", "", "snapshot `directory` to create, without a server")
	synopsis := "Usage: search backup -url URL              snapshot a running server into its -backup-dir\n" +
		"       search backup [-index DIR] [-data DIR] -out DIR   snapshot files no server has open\n"
	if err := parseTool(fs, args, stderr, synopsis); err != nil {
		return err
	}
	if *url != "" {
		if *out != "" {
			return usageErr("-url snapshots into the server's -backup-dir; -out is for files no server has open")
		}
		return remoteBackup(ctx, *url, *token, stdout)
	}
	if *out == "" {
		return usageErr("give -url URL of a running server, or -out DIR")
	}
	if err := loc.prepare(); err != nil {
		return err
	}
	ix, err := index.Open(loc.index)
	if err != nil {
		return err
	}
	defer ix.Close()
	var store backup.Lister
	if p := loc.savedPath(); exists(p) {
		s, err := saved.Open(p, saved.Options{})
		if err != nil {
			return fmt.Errorf("%w; if the server is running, use search backup -url", err)
		}
		defer s.Close()
		store = s
	}
	m, err := backup.Snapshot(ctx, ix, store, *out, versionString())
	if err != nil {
		return err
	}
	return printJSON(stdout, m)
}

// remoteBackup asks a running server for a snapshot.
func remoteBackup(ctx context.Context, base, token string, stdout io.Writer) error {
	if token == "" {
		return usageErr("-url needs the server's admin token: -admin-token or REGIONSEARCH_ADMIN_TOKEN")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(base, "/")+"/api/admin/backup", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("ask %s for a backup: %w", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("ask %s for a backup: %w", base, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
			return fmt.Errorf("the server answered %s: %s", resp.Status, e.Error.Message)
		}
		return fmt.Errorf("the server answered %s", resp.Status)
	}
	_, err = stdout.Write(body)
	if err == nil && !strings.HasSuffix(string(body), "\n") {
		_, err = io.WriteString(stdout, "\n")
	}
	return err
}

// restoreCommand puts a snapshot in place of a stopped server's index and
// saved searches.
func restoreCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search restore", flag.ContinueOnError)
	from := fs.String("from", "", "snapshot `directory` written by search backup")
	var loc localDirs
	loc.flags(fs, "index `directory` to restore to (default: DATA/index)", "data `directory` whose saved.db receives the saved searches")
	force := fs.Bool("force", false, "move an existing index and saved.db aside (NAME.before-restore-TIME) instead of refusing")
	synopsis := "Usage: search restore -from SNAPSHOT [-index DIR] [-data DIR] [-force]\n\nStop the server first.\n"
	if err := parseTool(fs, args, stderr, synopsis); err != nil {
		return err
	}
	if *from == "" {
		return usageErr("-from SNAPSHOT is required")
	}
	if err := loc.prepare(); err != nil {
		return err
	}
	st, err := backup.Restore(ctx, *from, backup.RestoreOptions{
		IndexDir: loc.index, SavedPath: loc.savedPath(), Force: *force,
	})
	if err != nil {
		return err
	}
	ix, err := index.Open(loc.index)
	if err != nil {
		return fmt.Errorf("restored index does not open: %w", err)
	}
	n, err := ix.Count()
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %d reports to %s and %d saved searches from the snapshot of %s\n",
		n, loc.index, st.SavedRestored, st.Manifest.Created.Format(time.RFC3339))
	for _, p := range st.MovedAside {
		fmt.Fprintf(stdout, "moved aside: %s\n", p)
	}
	return nil
}

// localDirs are the -index, -data and -dict flags backup and restore share
// when they work on files rather than through a running server.
type localDirs struct{ index, data, dict string }

func (l *localDirs) flags(fs *flag.FlagSet, indexUsage, dataUsage string) {
	fs.StringVar(&l.index, "index", "", indexUsage)
	fs.StringVar(&l.data, "data", "data", dataUsage)
	fs.StringVar(&l.dict, "dict", "", "jieba dictionary `directory` (default: the embedded copy)")
}

// prepare defaults -index to DATA/index, configures the analyzers and
// fails when another process holds the index open.
func (l *localDirs) prepare() error {
	if l.index == "" {
		l.index = filepath.Join(l.data, "index")
	}
	if err := analyzers.Configure(analyzers.Options{DictDir: l.dict}); err != nil {
		return err
	}
	return checkNotServed(l.index)
}

func (l *localDirs) savedPath() string { return filepath.Join(l.data, savedDBName) }

// checkNotServed fails when another process (a running server or indexer)
// holds the index's lock; opening it would wait for that process forever.
func checkNotServed(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, "store", "root.bolt"), os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no index here; index.Open says so
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return fmt.Errorf("the index %s is open in another process (a running server?): use search backup -url, or stop it first", dir)
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
