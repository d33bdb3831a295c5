package saved

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The kill -9 test runs this test binary again as a child that writes to the
// store in a loop, printing a line after each write returns, and kills it
// with SIGKILL at several moments. After each kill the store must open, pass
// bbolt's consistency check, hold every write the child reported and show
// every transaction whole or not at all.
const (
	killEnvPath   = "SAVED_KILL9_STORE"
	killEnvRound  = "SAVED_KILL9_ROUND"
	killEnvShared = "SAVED_KILL9_SHARED"
)

// TestKill9Child is the child's writing loop; it does nothing in a normal
// run.
func TestKill9Child(t *testing.T) {
	path := os.Getenv(killEnvPath)
	if path == "" {
		t.Skip("the child of TestKill9")
	}
	round, _ := strconv.Atoi(os.Getenv(killEnvRound))
	shared := os.Getenv(killEnvShared)
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ctx := context.Background()
	var created []string
	fail := func(err error) {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		c, err := s.Create(ctx, SavedSearch{Name: fmt.Sprintf("r%d-c%d", round, i), Query: Query{Q: strings.Repeat("碳化硅 ", i%50)}})
		if err != nil {
			fail(err)
		}
		created = append(created, c.ID)
		fmt.Println("create", i, c.ID)

		if _, err := s.Update(ctx, shared, func(ss *SavedSearch) error {
			ss.Name = fmt.Sprintf("r%d-u%d", round, i)
			ss.Query.Sector = append(ss.Query.Sector[:0:0], strconv.Itoa(i))
			return nil
		}); err != nil {
			fail(err)
		}
		fmt.Println("update", i)

		a, b := pairIDs(round, i)
		if _, err := s.Import(ctx, []SavedSearch{{ID: a, Name: "pair a"}, {ID: b, Name: "pair b"}}); err != nil {
			fail(err)
		}
		fmt.Println("pair", i)

		if i >= 5 {
			if err := s.Delete(ctx, created[i-5]); err != nil {
				fail(err)
			}
			fmt.Println("delete", i-5)
		}
	}
}

// pairIDs returns the ids of the two searches the child imports together in
// round r, step i.
func pairIDs(r, i int) (string, string) {
	base := fmt.Sprintf("%02x%013x", r, i)
	return base + "a", base + "b"
}

// childLog is what the child reported before it died.
type childLog struct {
	created       map[int]string // step → id
	deleted       map[int]bool   // steps whose search was deleted
	lastUpdate    int
	lastPair      int
	lastCreateIdx int
}

func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path := filepath.Join(t.TempDir(), "saved.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	shared := mustCreate(t, s, "shared", Query{})
	s.Close()

	// Kill after this many reported writes, then after a random pause of up
	// to a few milliseconds, so that some kills land inside a commit.
	moments := []int{0, 1, 3, 10, 25, 60, 120}
	for round, after := range moments {
		log := runAndKill(t, path, round, shared.ID, after)
		checkAfterKill(t, path, round, shared.ID, log)
	}
}

// runAndKill starts the child and kills it once it has reported `after`
// writes (and a random pause more).
func runAndKill(t *testing.T, path string, round int, shared string, after int) childLog {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9Child$", "-test.count=1")
	cmd.Env = append(os.Environ(), killEnvPath+"="+path, killEnvRound+"="+strconv.Itoa(round), killEnvShared+"="+shared)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	log := childLog{created: map[int]string{}, deleted: map[int]bool{}, lastUpdate: -1, lastPair: -1, lastCreateIdx: -1}
	killed := false
	kill := func() {
		if !killed {
			killed = true
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Errorf("kill child: %v", err)
			}
		}
	}
	if after == 0 {
		go kill() // as soon as it starts, maybe before it opened the store
	}
	timeout := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timeout.Stop()
	sc := bufio.NewScanner(out)
	writes := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		i, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "create":
			log.created[i] = f[2]
			log.lastCreateIdx = i
		case "update":
			log.lastUpdate = i
		case "pair":
			log.lastPair = i
		case "delete":
			log.deleted[i] = true
		case "error":
			t.Fatalf("child: %s", sc.Text())
		}
		writes++
		if after > 0 && writes == after {
			go kill()
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("round %d: child did not die of SIGKILL: %v", round, err)
	}
	return log
}

// checkAfterKill opens the store the child was killed writing and checks it.
func checkAfterKill(t *testing.T, path string, round int, shared string, log childLog) {
	t.Helper()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("round %d: open after kill: %v", round, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	ctx := context.Background()
	list, err := s.List(ctx)
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	byID := map[string]SavedSearch{}
	for _, ss := range list {
		byID[ss.ID] = ss
	}

	// Every reported create is there unless its delete was reported; at most
	// one unreported create (the one in flight) may be there too.
	prefix := fmt.Sprintf("r%d-c", round)
	present := 0
	for _, ss := range list {
		if strings.HasPrefix(ss.Name, prefix) {
			present++
		}
	}
	// The child deletes step i-5's search right after reporting pair i; if it
	// was killed then, that delete may have committed without being reported.
	inFlightDelete := -1
	if log.lastCreateIdx >= 5 && log.lastPair == log.lastCreateIdx && !log.deleted[log.lastCreateIdx-5] {
		inFlightDelete = log.lastCreateIdx - 5
	}
	want := 0
	for i, id := range log.created {
		_, there := byID[id]
		switch {
		case log.deleted[i] && there:
			t.Errorf("round %d: search %d was deleted but is there", round, i)
		case !log.deleted[i] && !there && i != inFlightDelete:
			t.Errorf("round %d: search %d was created but is missing", round, i)
		}
		if !log.deleted[i] {
			want++
		}
	}
	if present < want-1 || present > want+1 {
		// -1: a delete in flight may have committed; +1: a create in flight.
		t.Errorf("round %d: %d searches of this round, reported %d", round, present, want)
	}

	// The shared search holds the last reported update or the one after.
	sh, ok := byID[shared]
	if !ok {
		t.Fatalf("round %d: shared search lost", round)
	}
	if log.lastUpdate >= 0 {
		got := -1
		if len(sh.Query.Sector) == 1 {
			got, _ = strconv.Atoi(sh.Query.Sector[0])
		}
		if !strings.HasPrefix(sh.Name, fmt.Sprintf("r%d-u", round)) || got < log.lastUpdate || got > log.lastUpdate+1 ||
			sh.Name != fmt.Sprintf("r%d-u%d", round, got) {
			t.Errorf("round %d: shared search %q %v after update %d", round, sh.Name, sh.Query.Sector, log.lastUpdate)
		}
	}

	// Each pair was imported in one transaction: both or neither.
	for i := 0; i <= log.lastCreateIdx+1; i++ {
		a, b := pairIDs(round, i)
		_, hasA := byID[a]
		_, hasB := byID[b]
		if hasA != hasB {
			t.Errorf("round %d: pair %d half written (a %v, b %v)", round, i, hasA, hasB)
		}
		if i <= log.lastPair && !hasA {
			t.Errorf("round %d: pair %d was imported but is missing", round, i)
		}
	}

	// The store still takes writes.
	if _, err := s.Create(ctx, SavedSearch{Name: "after kill"}); err != nil {
		t.Errorf("round %d: write after kill: %v", round, err)
	}
	t.Logf("round %d: killed after %d creates, %d saved searches, check passed", round, len(log.created), len(list))
}
