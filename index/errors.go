package index

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that callers, and the web layer in one place,
// can react to it (a Kind maps to one HTTP status).
type Kind int

// The kinds of error.
const (
	KindInternal     Kind = iota // a fault of ours: 500
	KindInvalid                  // the request is malformed: 400
	KindNotFound                 // no such document: 404
	KindUnavailable              // overloaded or timed out: 503
	KindUnauthorized             // a write without the right token: 401
	KindForbidden                // a write this server refuses (cross-site, read-only): 403
	KindTooLarge                 // a request body over its limit: 413
)

// String returns the code used in JSON error bodies.
func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not_found"
	case KindUnavailable:
		return "unavailable"
	case KindUnauthorized:
		return "unauthorized"
	case KindForbidden:
		return "forbidden"
	case KindTooLarge:
		return "too_large"
	}
	return "internal"
}

// Error is the application error: a Kind, a message safe to show a user, and
// the wrapped cause.
type Error struct {
	Kind    Kind
	Message string
	Err     error
}

// Error returns the message and the cause.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) and errors.Is(err, ErrBadQuery) true
// for any Error of the same Kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Kind == e.Kind
}

// Sentinels for errors.Is.
var (
	ErrNotFound = &Error{Kind: KindNotFound}
	ErrBadQuery = &Error{Kind: KindInvalid}
)

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the Kind of err, KindInternal for errors that are not ours.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// MessageOf returns the user-facing message of err, or "internal error" when
// err is not an *Error of a client-facing kind.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		return e.Message
	}
	return "internal error"
}
