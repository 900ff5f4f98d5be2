package survey_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/skm-engine/skm/survey"
)

// wantError fails the test unless err is a domain error with the code and the message: the
// catalogue key and the arguments its wording takes.
func wantError(t *testing.T, what string, err error, code string, want survey.Message) {
	t.Helper()
	if got := survey.ErrorMessage(err); survey.ErrorCode(err) != code || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: %v, want %s with message %+v", what, err, code, want)
	}
}

func TestErrorCarriesKeyAndArguments(t *testing.T) {
	err := fmt.Errorf("create unit: %w", survey.Errorf(survey.ECONFLICT, "err.unit.exists", "dpmptsp"))
	if survey.ErrorCode(err) != survey.ECONFLICT {
		t.Errorf("code = %q", survey.ErrorCode(err))
	}
	if got := survey.ErrorMessage(err); !reflect.DeepEqual(got, survey.Msg("err.unit.exists", "dpmptsp")) {
		t.Errorf("message = %+v", got)
	}
	// Any other error says nothing of its cause.
	internal := errors.New("connection reset by peer")
	if survey.ErrorCode(internal) != survey.EINTERNAL || survey.ErrorMessage(internal).Key != survey.MsgInternal {
		t.Errorf("an internal error: %s %+v", survey.ErrorCode(internal), survey.ErrorMessage(internal))
	}
	if survey.ErrorCode(nil) != "" {
		t.Errorf("code of nil = %q", survey.ErrorCode(nil))
	}
}

func TestStateMessage(t *testing.T) {
	for state, key := range map[survey.State]string{
		survey.StateDraft: "state.draft", survey.StateOpen: "state.open", survey.StateClosed: "state.closed", survey.StateArchived: "state.archived",
	} {
		if got := state.Message(); !reflect.DeepEqual(got, survey.Msg(key)) {
			t.Errorf("%s: %+v, want %s", state, got, key)
		}
	}
	if got := survey.State("paused").Message(); !reflect.DeepEqual(got, survey.Msg("state.other", "paused")) {
		t.Errorf("an unknown state: %+v", got)
	}
}
