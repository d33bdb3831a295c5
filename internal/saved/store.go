package saved

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The layout of the bbolt file: one bucket of saved searches keyed by id,
// each value the JSON of a SavedSearch, and a bucket of metadata holding the
// layout's version.
var (
	bucketSearches = []byte("saved_searches")
	bucketMeta     = []byte("meta")
	keyVersion     = []byte("version")
)

// schemaVersion is the version of the layout this package reads and writes.
const schemaVersion = "1"

// lockTimeout bounds the wait for the file lock that another process holds.
const lockTimeout = time.Second

// Options tune a Store. The zero value is the default.
type Options struct {
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Store keeps saved searches in a bbolt file. It is safe for concurrent use;
// writes are serialised, each one a transaction that is on disk when the
// method returns. Only one process may open a store at a time.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time
}

// ImportStats counts what an Import did.
type ImportStats struct {
	Created  int `json:"created"`  // saved searches that were new to the store
	Replaced int `json:"replaced"` // saved searches whose id the store had, overwritten
}

// Open opens the store at path, creating the file when it does not exist.
// It fails when another process has the store open or when the file was
// written by a newer layout.
func Open(path string, opts Options) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open saved searches %s: another process has it open: %w", path, err)
		}
		return nil, fmt.Errorf("open saved searches %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		switch v := meta.Get(keyVersion); {
		case v == nil:
			if err := meta.Put(keyVersion, []byte(schemaVersion)); err != nil {
				return err
			}
		case string(v) != schemaVersion:
			return fmt.Errorf("the file has layout version %s and this program reads version %s", v, schemaVersion)
		}
		_, err = tx.CreateBucketIfNotExists(bucketSearches)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open saved searches %s: %w", path, err)
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Store{db: db, path: path, now: now}, nil
}

// Path returns the file the store is kept in.
func (s *Store) Path() string { return s.path }

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// time returns the store's current time in UTC.
func (s *Store) time() time.Time { return s.now().UTC() }

// List returns every saved search, oldest first.
func (s *Store) List(ctx context.Context) ([]SavedSearch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []SavedSearch
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSearches).ForEach(func(k, v []byte) error {
			ss, err := decode(k, v)
			if err != nil {
				return err
			}
			out = append(out, ss)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list saved searches: %w", err)
	}
	slices.SortFunc(out, func(a, b SavedSearch) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Get returns the saved search with id, or an error of kind not found.
func (s *Store) Get(ctx context.Context, id string) (SavedSearch, error) {
	if err := checkID(ctx, id); err != nil {
		return SavedSearch{}, err
	}
	var ss SavedSearch
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		ss, err = get(tx, id)
		return err
	})
	return ss, err
}

// Create stores a new saved search with ss's name and query and returns it
// with its id and times. Its LastSeen is now: nothing is new yet.
func (s *Store) Create(ctx context.Context, ss SavedSearch) (SavedSearch, error) {
	if err := ctx.Err(); err != nil {
		return SavedSearch{}, err
	}
	name, err := CleanName(ss.Name)
	if err != nil {
		return SavedSearch{}, err
	}
	out := SavedSearch{Name: name, Query: ss.Query}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearches)
		if n := b.Stats().KeyN; n >= MaxSearches {
			return invalidf("there are already %d saved searches, the most this server keeps; delete some first", n)
		}
		out.ID = newID()
		for b.Get([]byte(out.ID)) != nil {
			out.ID = newID()
		}
		now := s.time()
		out.Created, out.Updated, out.LastSeen = now, now, now
		return put(b, out)
	})
	if err != nil {
		return SavedSearch{}, wrap("create saved search", err)
	}
	return out, nil
}

// Update changes the saved search with id by calling edit on it, within one
// transaction, so that concurrent updates are applied one after another and
// none is lost. Edit may change the name and the query; the id and the
// creation time stay. Edit runs while other writers wait: it must be quick
// and must not call the store. An error from edit is returned as it is and
// nothing changes.
func (s *Store) Update(ctx context.Context, id string, edit func(*SavedSearch) error) (SavedSearch, error) {
	if err := checkID(ctx, id); err != nil {
		return SavedSearch{}, err
	}
	var out SavedSearch
	var editErr error
	err := s.db.Update(func(tx *bolt.Tx) error {
		ss, err := get(tx, id)
		if err != nil {
			return err
		}
		before := ss
		if editErr = edit(&ss); editErr != nil {
			return editErr
		}
		ss.ID, ss.Created, ss.LastSeen = before.ID, before.Created, before.LastSeen
		if ss.Name, err = CleanName(ss.Name); err != nil {
			return err
		}
		ss.Updated = s.time()
		out = ss
		return put(tx.Bucket(bucketSearches), ss)
	})
	if editErr != nil {
		return SavedSearch{}, editErr
	}
	if err != nil {
		return SavedSearch{}, wrap("update saved search "+id, err)
	}
	return out, nil
}

// MarkSeen records that the results of the saved search with id were seen
// as of t. LastSeen never moves back, so runs that finish out of order keep
// the latest.
func (s *Store) MarkSeen(ctx context.Context, id string, t time.Time) (SavedSearch, error) {
	if err := checkID(ctx, id); err != nil {
		return SavedSearch{}, err
	}
	var out SavedSearch
	err := s.db.Update(func(tx *bolt.Tx) error {
		ss, err := get(tx, id)
		if err != nil {
			return err
		}
		if t = t.UTC(); t.After(ss.LastSeen) {
			ss.LastSeen = t
			if err := put(tx.Bucket(bucketSearches), ss); err != nil {
				return err
			}
		}
		out = ss
		return nil
	})
	if err != nil {
		return SavedSearch{}, wrap("mark saved search "+id+" seen", err)
	}
	return out, nil
}

// Delete removes the saved search with id.
func (s *Store) Delete(ctx context.Context, id string) error {
	if err := checkID(ctx, id); err != nil {
		return err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearches)
		if b.Get([]byte(id)) == nil {
			return notFound(id)
		}
		return b.Delete([]byte(id))
	})
	return wrap("delete saved search "+id, err)
}

// Import stores the given saved searches in one transaction: all of them or,
// on any error, none. A search whose id the store has replaces it; one
// without an id gets a new one. Zero times are set to now, others are kept,
// so that a backup restores as it was.
func (s *Store) Import(ctx context.Context, list []SavedSearch) (ImportStats, error) {
	var st ImportStats
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if len(list) > MaxSearches {
		return st, invalidf("the import holds %d saved searches; this server keeps at most %d", len(list), MaxSearches)
	}
	clean := make([]SavedSearch, len(list))
	seen := map[string]int{}
	for i, ss := range list {
		name, err := CleanName(ss.Name)
		if err != nil {
			return st, invalidf("saved search %d: %s", i+1, messageOf(err))
		}
		ss.Name = name
		if ss.ID != "" {
			if !ValidID(ss.ID) {
				return st, invalidf("saved search %d: id %q is not 16 lowercase hexadecimal digits; leave it out to get a new one", i+1, ss.ID)
			}
			if j, dup := seen[ss.ID]; dup {
				return st, invalidf("saved searches %d and %d have the same id %s", j+1, i+1, ss.ID)
			}
			seen[ss.ID] = i
		}
		clean[i] = ss
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSearches)
		had := b.Stats().KeyN
		now := s.time()
		for _, ss := range clean {
			if ss.ID == "" {
				ss.ID = newID()
				for taken(b, seen, ss.ID) {
					ss.ID = newID()
				}
			}
			if b.Get([]byte(ss.ID)) != nil {
				st.Replaced++
			} else {
				st.Created++
			}
			for _, t := range []*time.Time{&ss.Created, &ss.Updated, &ss.LastSeen} {
				if t.IsZero() {
					*t = now
				}
				*t = t.UTC()
			}
			if err := put(b, ss); err != nil {
				return err
			}
		}
		if n := had + st.Created; n > MaxSearches {
			return invalidf("the import would make %d saved searches; this server keeps at most %d", n, MaxSearches)
		}
		return nil
	})
	if err != nil {
		return ImportStats{}, wrap("import saved searches", err)
	}
	return st, nil
}

// Check verifies the file's structure and that every record decodes to a
// valid saved search under its own key.
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("check saved searches %s: %w", s.path, errors.Join(errs...))
		}
		return tx.Bucket(bucketSearches).ForEach(func(k, v []byte) error {
			ss, err := decode(k, v)
			if err != nil {
				return err
			}
			if _, err := CleanName(ss.Name); err != nil {
				return fmt.Errorf("saved search %s: %w", k, err)
			}
			return nil
		})
	})
}

// taken reports whether a new id is in use in the store or in an import.
func taken(b *bolt.Bucket, importing map[string]int, id string) bool {
	_, ok := importing[id]
	return ok || b.Get([]byte(id)) != nil
}

// get reads and decodes one saved search.
func get(tx *bolt.Tx, id string) (SavedSearch, error) {
	v := tx.Bucket(bucketSearches).Get([]byte(id))
	if v == nil {
		return SavedSearch{}, notFound(id)
	}
	return decode([]byte(id), v)
}

// put encodes and writes one saved search under its id.
func put(b *bolt.Bucket, ss SavedSearch) error {
	v, err := json.Marshal(ss)
	if err != nil {
		return fmt.Errorf("encode saved search %s: %w", ss.ID, err)
	}
	return b.Put([]byte(ss.ID), v)
}

// decode decodes a stored saved search and checks that it is stored under
// its own id. The value belongs to bbolt and is copied by json.Unmarshal.
func decode(k, v []byte) (SavedSearch, error) {
	var ss SavedSearch
	if err := json.Unmarshal(v, &ss); err != nil {
		return ss, fmt.Errorf("decode saved search %s: %w", k, err)
	}
	if !bytes.Equal(k, []byte(ss.ID)) || !ValidID(ss.ID) {
		return ss, fmt.Errorf("saved search stored under %q has id %q", k, ss.ID)
	}
	return ss, nil
}

// checkID returns ctx's error, or an error of kind not found when id
// cannot be a saved search's id.
func checkID(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !ValidID(id) {
		return notFound(id)
	}
	return nil
}

// wrap adds context to a storage error; client errors (an unknown id, an
// invalid name) go through unchanged so their message stays short.
func wrap(op string, err error) error {
	if err == nil || messageOf(err) != "" {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}
