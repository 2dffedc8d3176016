//go:build !sqlite_fts5

package store

// The corpus needs SQLite's FTS5 full-text index, which mattn/go-sqlite3
// only compiles in with the build tag sqlite_fts5. Without the tag the
// first search would fail at run time with "no such module: fts5"; this
// undefined name makes the build fail instead, with the fix in its name:
//
//	go build -tags sqlite_fts5 ./...
//	go test -tags sqlite_fts5 ./...
var _ = briefbot_must_be_built_with_tags_sqlite_fts5
