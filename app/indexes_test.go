package app_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"

	"github.com/skm-engine/skm/app"
	"github.com/skm-engine/skm/app/config"
)

// Every process on an embedded store opens it without secondary indexes: the server that starts
// it, and a store command (skm load, verify, token create) that reaches it through its socket,
// which would otherwise give the running server indexes to write with every response.
func TestEveryProcessOpensTheEmbeddedStoreWithoutIndexes(t *testing.T) {
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := config.Config{DataDir: t.TempDir(), Database: "skm"}
	server, err := app.OpenDatabase(ctx, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	indexes := func() []string {
		t.Helper()
		specs, err := server.Raw().Collection("responses").Indexes().ListSpecifications(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range specs {
			names = append(names, s.Name)
		}
		return names
	}
	if got := indexes(); !slices.Equal(got, []string{"_id_"}) {
		t.Fatalf("the server's store has indexes %v on responses, want _id_ alone", got)
	}
	command, err := app.OpenDatabase(ctx, cfg, quiet) // the store is in use: through its socket
	if err != nil {
		t.Fatal(err)
	}
	command.Close()
	if got := indexes(); !slices.Equal(got, []string{"_id_"}) {
		t.Errorf("after a store command reached the running store, responses has %v, want _id_ alone", got)
	}
}
