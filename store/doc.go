// Package store keeps the briefbot corpus in one SQLite file: the raw
// documents as received, the article made from each, the speakers across
// the whole corpus, their quotes, dated events and stories, with FTS5
// indexes over article and quote text.
//
// The schema lives in embedded SQL migrations (migrations/*.sql) applied in
// file-name order, the version kept in PRAGMA user_version. The database
// runs in WAL mode with one writer connection, whose transactions start
// with BEGIN IMMEDIATE so that two writers never deadlock upgrading a read
// lock, and a pool of read-only connections for the commands, so that
// queries never wait for an ingest and never write by mistake.
//
// Every write of one document happens in one transaction: a document is in
// the corpus with its article, all its quotes, speakers, events and story,
// or it is not there at all.
//
// The package must be built with the build tag sqlite_fts5 (FTS5 is not
// part of mattn/go-sqlite3's default build); a build without it fails to
// compile, see fts5_required.go.
package store
