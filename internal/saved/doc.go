// Package saved keeps researchers' saved searches: a name, the parameters of
// a search as /api/search takes them, and when the search was last seen.
//
// [Store] keeps them in a bbolt file of their own in the data directory,
// apart from the search index, so rebuilding or reindexing the index keeps
// them. Every change is one bbolt read-write transaction, committed with an
// fsync before the call returns: a process killed at any moment (kill -9)
// leaves the store as it was before or after each change, never between,
// and concurrent writers are serialised so that none loses another's update.
//
// The package checks what it can check alone: ids, names and the number of
// saved searches. Whether a [Query] is a valid search is for the web layer to
// decide, with the same rules as /api/search, before it stores one. Errors
// are [*index.Error] values of kind invalid or not found, so that the web
// layer maps them to a status in its one error path.
package saved
