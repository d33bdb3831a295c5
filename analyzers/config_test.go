package analyzers

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	embeddedMu    sync.Mutex
	embeddedFiles = map[string][]byte{}
)

// embeddedOnce decompresses an embedded dictionary once per test binary.
func embeddedOnce(name string) ([]byte, error) {
	embeddedMu.Lock()
	defer embeddedMu.Unlock()
	if b, ok := embeddedFiles[name]; ok {
		return b, nil
	}
	b, err := readEmbedded(name)
	if err == nil {
		embeddedFiles[name] = b
	}
	return b, err
}

// writeDict writes a dictionary directory holding the embedded files, then
// applies edit (file name → content; "" removes the file, empty writes an
// empty one).
func writeDict(t *testing.T, edit map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{dictFile, hmmFile, idfFile, stopFile} {
		if _, ok := edit[name]; ok && name == dictFile {
			continue // written below
		}
		b, err := embeddedOnce(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range edit {
		p := filepath.Join(dir, name)
		if content == "" {
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			continue
		}
		if content == empty {
			content = ""
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const empty = "\x00empty"

// smallDict is a valid main dictionary of three words.
const smallDict = "聊城 94 ns\n江阴 210 ns\n碳化硅 23 nz\n"

// TestDictionaryErrors checks that every way a dictionary directory can be
// broken is reported as an error naming the file, before cppjieba (which
// would abort the process) sees it.
func TestDictionaryErrors(t *testing.T) {
	tests := []struct {
		name string
		edit map[string]string
		want string
	}{
		{"missing dict", map[string]string{dictFile: ""}, dictFile},
		{"missing hmm", map[string]string{hmmFile: ""}, hmmFile},
		{"missing idf", map[string]string{idfFile: ""}, idfFile},
		{"missing stop words", map[string]string{stopFile: ""}, stopFile},
		{"dict with two columns", map[string]string{dictFile: "聊城 94 ns\n江阴 210\n"}, "line 2"},
		{"dict with empty line", map[string]string{dictFile: "聊城 94 ns\n\n江阴 210 ns\n"}, "line 2"},
		{"dict with zero frequency", map[string]string{dictFile: "聊城 0 ns\n"}, "bad frequency"},
		{"dict with invalid utf-8", map[string]string{dictFile: "\xff\xfe 3 n\n"}, "bad word"},
		{"hmm truncated", map[string]string{hmmFile: "# model\n-0.26 -3.14e+100 -3.14e+100 -1.46\n"}, "model lines"},
		{"idf empty", map[string]string{idfFile: "\n"}, "idf"},
		{"stop words empty", map[string]string{stopFile: empty}, stopFile},
		{"bad user dict", map[string]string{userDictFile: "a b c d\n"}, userDictFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := tt.edit[dictFile]; !ok {
				tt.edit[dictFile] = smallDict // the full one is slow to read under -race
			}
			dir := writeDict(t, tt.edit)
			st, err := loadChecked(dir)
			if err == nil {
				t.Fatalf("load succeeded (%v), want error mentioning %q", st != nil, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "analyzers: ") {
				t.Errorf("error %q, want it to mention %q", err, tt.want)
			}
		})
	}
}

// loadChecked runs load's validation without building a jieba instance.
func loadChecked(dir string) (*dictSet, error) { return validateDir(dir) }

func TestDictionaryUserDictOptional(t *testing.T) {
	dir := writeDict(t, nil)
	if _, err := loadChecked(dir); err != nil {
		t.Fatalf("valid directory without user dict: %v", err)
	}
	dir = writeDict(t, map[string]string{dictFile: smallDict, userDictFile: "碳化硅芯片 10 nz\n光掩膜\n"})
	if _, err := loadChecked(dir); err != nil {
		t.Fatalf("valid directory with user dict: %v", err)
	}
}

func TestResolveDictDir(t *testing.T) {
	t.Setenv(EnvDictDir, "/opt/dict")
	if got, err := resolveDictDir(Options{}); err != nil || got != "/opt/dict" {
		t.Errorf("env: got %q, %v", got, err)
	}
	if got, err := resolveDictDir(Options{DictDir: "/srv/dict"}); err != nil || got != "/srv/dict" {
		t.Errorf("option: got %q, %v", got, err)
	}
	t.Setenv(EnvDictDir, "")
	data := t.TempDir()
	got, err := resolveDictDir(Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, data) {
		t.Errorf("embedded copy written to %s, want under %s", got, data)
	}
	for _, name := range []string{dictFile, hmmFile, idfFile, stopFile} {
		if fi, err := os.Stat(filepath.Join(got, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A second call reuses the files.
	again, err := resolveDictDir(Options{DataDir: data})
	if err != nil || again != got {
		t.Errorf("second extraction: %q, %v", again, err)
	}
}

func TestConfigureTwice(t *testing.T) {
	if _, err := configured(); err != nil {
		t.Fatal(err)
	}
	stateMu.Lock()
	dir := current.dir
	stateMu.Unlock()
	if err := Configure(Options{DictDir: dir}); err != nil {
		t.Errorf("same directory again: %v", err)
	}
	if err := Configure(Options{DictDir: writeDict(t, nil)}); err != nil {
		t.Errorf("a copy of the same dictionaries: %v", err)
	}
	if err := Configure(Options{DictDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), dictFile) {
		t.Errorf("empty directory: %v, want an error naming %s", err, dictFile)
	}
	other := writeDict(t, map[string]string{userDictFile: "碳化硅芯片\n"})
	if err := Configure(Options{DictDir: other}); err == nil || !strings.Contains(err.Error(), "already configured") {
		t.Errorf("other dictionaries: %v, want already configured", err)
	}
}

func TestDictVersionStable(t *testing.T) {
	v1, err := DictVersion()
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := DictVersion()
	if v1 != v2 || !strings.HasPrefix(v1, "zh_news-") || len(v1) != len("zh_news-")+16 {
		t.Errorf("DictVersion = %q then %q", v1, v2)
	}
}
