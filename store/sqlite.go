package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"github.com/briefbot/briefbot/briefing/speakers"
)

// readerMmapSize is how much of the database file a reader maps into
// memory (PRAGMA mmap_size). A /quotes page reads a few hundred rows
// scattered over the file; mapped, each is a memory read instead of a
// pread system call and a copy into SQLite's small page cache. The mapping
// is address space shared with the OS page cache, not memory of its own.
const readerMmapSize = 1 << 30

// connector opens mattn/go-sqlite3 connections on one DSN with briefbot's
// SQL functions registered and the pragmas the DSN cannot carry. It is a
// driver.Connector for sql.OpenDB, so nothing is registered globally.
type connector struct {
	dsn    string
	driver *sqlite3.SQLiteDriver
}

func newConnector(dsn string, mmapSize int64) *connector {
	return &connector{dsn: dsn, driver: &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := c.RegisterFunc(hasWordsFunc, hasWords, true); err != nil {
				return fmt.Errorf("registering %s: %w", hasWordsFunc, err)
			}
			if mmapSize > 0 {
				// PRAGMA takes no bound parameters; the size is ours.
				if _, err := c.Exec(fmt.Sprintf(`PRAGMA mmap_size = %d`, mmapSize), nil); err != nil {
					return fmt.Errorf("PRAGMA mmap_size: %w", err)
				}
			}
			return nil
		},
	}}
}

func (c *connector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }

func (c *connector) Driver() driver.Driver { return c.driver }

// hasWordsFunc is the SQL name of hasWords.
const hasWordsFunc = "briefbot_has_words"

// hasWords reports whether text holds every one of words (folded words
// separated by spaces, as topicWords makes them) as a word of its own,
// with words told apart as FTS5's unicode61 tokenizer with
// remove_diacritics tells them apart (see searchWords): so a row that FTS5
// finds for the words passes, and the check can stand in for FTS5 on rows
// read one by one. Case and diacritics do not matter.
func hasWords(text, words string) bool {
	want := strings.Fields(words)
	if len(want) == 0 || len(want) > 64 {
		return false
	}
	var seen uint64 // bit i: want[i] found
	found := 0
	check := func(w string) bool {
		for k, x := range want {
			if seen&(1<<k) == 0 && len(x) == len(w) && strings.EqualFold(x, w) {
				seen |= 1 << k
				found++
			}
		}
		return found == len(want)
	}
	if !isASCII(text) {
		for _, w := range searchWords(speakers.Fold(text)) {
			if check(w) {
				return true
			}
		}
		return false
	}
	// ASCII, the common case, word by word without allocating: a word
	// is a run of letters and digits.
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		if check(text[i:j]) {
			return true
		}
		i = j
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// topicWords is the form hasWords takes its words in: the distinct folded
// words of a topic, as searchWords splits them, separated by spaces.
func topicWords(topic string) string {
	var out []string
	seen := map[string]bool{}
	for _, w := range searchWords(speakers.Fold(topic)) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
