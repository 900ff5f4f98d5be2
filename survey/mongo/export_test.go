package mongo

// WriteCommitsApart makes the store write each batch's commit after its claim and responses, as
// it does on a replica set, so that the embedded store can test that path too.
func WriteCommitsApart(s *Store) { s.replicated = true }
