package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// staticFile is one embedded asset with its content hash.
type staticFile struct {
	name   string // as in the static directory: "app.css"
	hashed string // with the hash in the name: "app.1a2b3c4d5e.css"
	sum    string // hex prefix of the SHA-256 of data
	ctype  string
	data   []byte
}

// staticFiles are the embedded assets, addressable by plain and by hashed
// name. Hashed URLs are cached forever; plain ones are revalidated.
type staticFiles struct {
	byName   map[string]*staticFile
	byHashed map[string]*staticFile
}

// newStaticFiles reads every file under dir of fsys and hashes it.
func newStaticFiles(fsys fs.FS, dir string) (*staticFiles, error) {
	sf := &staticFiles{byName: map[string]*staticFile{}, byHashed: map[string]*staticFile{}}
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, dir+"/")
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		f := &staticFile{
			name:  name,
			sum:   hex.EncodeToString(sum[:5]),
			ctype: contentType(ext),
			data:  data,
		}
		f.hashed = strings.TrimSuffix(name, ext) + "." + f.sum + ext
		sf.byName[f.name] = f
		sf.byHashed[f.hashed] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sf, nil
}

// url returns the content-hashed URL of the named asset.
func (sf *staticFiles) url(name string) (string, error) {
	f, ok := sf.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + f.hashed, nil
}

func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// handleStatic serves GET /static/*path from the embedded assets.
func (s *Server) handleStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("path"), "/")
	h := c.Writer.Header()
	f, ok := s.static.byHashed[name]
	if ok {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else if f, ok = s.static.byName[name]; ok {
		h.Set("Cache-Control", "no-cache")
	} else {
		s.handleNotFound(c)
		return
	}
	h.Set("Content-Type", f.ctype)
	h.Set("ETag", `"`+f.sum+`"`)
	http.ServeContent(c.Writer, c.Request, f.name, time.Time{}, bytes.NewReader(f.data))
}
