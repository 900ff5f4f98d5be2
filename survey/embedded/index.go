package embedded

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// IndexIDs makes lookups by _id use an index in every collection of the database.
//
// FerretDB 1.24 (SQLite) pushes a filter on _id down to SQLite as
// `_ferretdb_sjson->'$._id' = ?`, but indexes _id as `_ferretdb_sjson->"_id"`: SQLite cannot match
// the two expressions, so every lookup by _id parses every document of the collection. Measured
// here: 145 ms for a hit and a miss in 2,000 documents of 20 KB, 3.9 ms with this index. The index
// adds one expression index per table, beside FerretDB's own, through a second connection to the
// same SQLite file (WAL mode lets both work at once); FerretDB's statements re-prepare on the
// schema change by themselves. Call it after the store has created its collections.
// TestIDLookupsUseTheIndex proves, from the plan of the very statement FerretDB runs, that the
// expressions match.
func (s *Server) IndexIDs(ctx context.Context, database string) error {
	db, err := s.openSQLite(database)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		return fmt.Errorf("list collections of %s: %w", database, err)
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_skm_id_lookup", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("index %s of %s: %w", t, database, err)
		}
	}
	return nil
}

// openSQLite opens a second connection to the SQLite file of the database.
func (s *Server) openSQLite(database string) (*sql.DB, error) {
	path := filepath.Join(s.dir, database+".sqlite")
	uri := (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(path), RawQuery: "_pragma=busy_timeout(10000)"}).String()
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}
