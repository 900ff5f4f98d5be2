package embedded_test

import (
	"testing"

	"github.com/skm-engine/skm/survey/embedded"
)

func TestIsSocketURI(t *testing.T) {
	dir := t.TempDir()
	uri, err := embedded.SocketURI(dir)
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]bool{
		uri:                                      true,
		uri + "?appName=skm":                     true,
		"mongodb://127.0.0.1:27017/":             false,
		"mongodb://%2Ftmp%2Fmongodb-27017.sock/": false,
		"mongodb+srv://db.example.org/skm":       false,
		"mongodb://db.example.org:27017,db2.example.org:27017/skm": false,
	} {
		if got := embedded.IsSocketURI(u); got != want {
			t.Errorf("IsSocketURI(%q) = %v, want %v", u, got, want)
		}
	}
}
