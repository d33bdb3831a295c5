package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/investnews/regionsearch/index"
)

// fingerprint describes what an index holds, to compare two builds of the
// same corpus: its documents, its clusters, and a hash of every document's
// cluster, cluster size and reports (ids, URLs, sources, dates).
type fingerprint struct {
	docs     uint64
	clusters int
	hash     [sha256.Size]byte
}

// fingerprintIndex opens the index at dir read-only and fingerprints it.
func fingerprintIndex(ctx context.Context, dir string) (fingerprint, error) {
	var fp fingerprint
	ix, err := index.Open(dir)
	if err != nil {
		return fp, err
	}
	defer ix.Close()
	if fp.docs, err = ix.Count(); err != nil {
		return fp, err
	}
	var lines []string
	clusters := map[string]bool{}
	_, err = ix.Export(ctx, index.Query{}, func(d *index.Document) error {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s %d", d.ID, d.ClusterID, d.ClusterSize)
		for _, refs := range [][]index.SourceRef{d.Sources, d.Cluster} {
			b.WriteString(" |")
			for _, s := range refs {
				fmt.Fprintf(&b, " %s,%s,%s,%s", s.ID, s.URL, s.Source, s.Date)
			}
		}
		lines = append(lines, b.String())
		clusters[d.ClusterID] = true
		return nil
	})
	if err != nil {
		return fp, fmt.Errorf("fingerprint %s: %w", dir, err)
	}
	slices.Sort(lines)
	fp.clusters = len(clusters)
	fp.hash = sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fp, nil
}

// printFingerprint prints an index's fingerprint.
func printFingerprint(ctx context.Context, dir string, stdout io.Writer) error {
	fp, err := fingerprintIndex(ctx, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "index content  %d documents, %d clusters, fingerprint %x\n", fp.docs, fp.clusters, fp.hash[:8])
	return nil
}
