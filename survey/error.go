package survey

import (
	"errors"
	"fmt"
)

// Error codes, stable across the engine: the web layer maps each to one HTTP status.
const (
	ECONFLICT     = "conflict"     // the action clashes with the current state
	EINTERNAL     = "internal"     // a fault of the engine or its store
	EINVALID      = "invalid"      // the input is wrong; the message says how
	ENOTFOUND     = "not_found"    // no such thing
	EUNAVAILABLE  = "unavailable"  // the store cannot be reached now; retrying later may work
	EUNAUTHORIZED = "unauthorized" // the caller is not signed in
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	ETOOLARGE     = "too_large"    // the input is larger than allowed
)

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
	// Details lists individual problems, such as the bad cells of an imported file.
	Details []string
}

func (e *Error) Error() string {
	return fmt.Sprintf("survey: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other error and
// "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a generic message that
// reveals nothing of an internal fault.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorDetails returns the details of the first *Error in err's chain.
func ErrorDetails(err error) []string {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}
