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

// Message is wording for people, named by a key of the engine's text catalogue and the arguments
// its wording takes. The domain never holds the words themselves, so that every page says what
// is wrong in its own language. An argument may itself be a Message, said in the same language.
type Message struct {
	Key  string
	Args []any
}

// Msg returns the message with the key and arguments.
func Msg(key string, args ...any) Message { return Message{Key: key, Args: args} }

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code string
	Message
	// Details lists individual problems, such as the bad cells of an imported file.
	Details []Message
}

// Error names the code and message key, for logs; people read the message in their language.
func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return fmt.Sprintf("survey: code=%s message=%s", e.Code, e.Key)
	}
	return fmt.Sprintf("survey: code=%s message=%s %v", e.Code, e.Key, e.Args)
}

// Errorf returns an *Error with the code and the message with the key and arguments.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Message: Msg(key, args...)}
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

// MsgInternal is the message of every error that is not a domain error: it reveals nothing of
// the fault, which the logs keep.
const MsgInternal = "error.internal"

// ErrorMessage returns the message of the first *Error in err's chain, or MsgInternal.
func ErrorMessage(err error) Message {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return Msg(MsgInternal)
}

// ErrorDetails returns the details of the first *Error in err's chain.
func ErrorDetails(err error) []Message {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}
