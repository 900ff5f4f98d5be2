package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/skm-engine/skm/survey"
)

// DecodeJSON reads the request body into v strictly: the content type must be JSON, unknown fields
// and trailing data are refused, and every failure says what to fix.
func DecodeJSON(c *fiber.Ctx, v any) error {
	ct := strings.ToLower(c.Get(fiber.HeaderContentType))
	if !strings.HasPrefix(ct, fiber.MIMEApplicationJSON) {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "Send the body as JSON with 'Content-Type: application/json'.")
	}
	return DecodeJSONBytes(c.Body(), v)
}

// DecodeJSONBytes reads a JSON body into v strictly, as DecodeJSON does.
func DecodeJSONBytes(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return survey.Errorf(survey.EINVALID, "err.json.many")
	}
	return nil
}

func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var domain *survey.Error
	switch {
	case errors.As(err, &domain):
		return domain
	case errors.As(err, &syntax):
		return survey.Errorf(survey.EINVALID, "err.json.syntax", syntax.Offset, syntax.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the body"
		}
		return survey.Errorf(survey.EINVALID, "err.json.type", field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.EOF):
		return survey.Errorf(survey.EINVALID, "err.json.empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return survey.Errorf(survey.EINVALID, "err.json.short")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return survey.Errorf(survey.EINVALID, "err.json.field", strings.TrimPrefix(err.Error(), "json: unknown field "))
	default:
		return survey.Errorf(survey.EINVALID, "err.json.read", err.Error())
	}
}

func jsonKind(kind string) string {
	switch kind {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	case "struct", "map":
		return "an object"
	}
	return fmt.Sprintf("a %s", kind)
}

// List is the JSON envelope of a list: the items and, when there are more, the next page's cursor.
type List[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// ListOf wraps a page of items and the next page's cursor ("" after the last).
func ListOf[T any](items []T, next string) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Next: next}
}
