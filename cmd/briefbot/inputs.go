package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/page"
)

// formats maps the file extensions briefbot reads to their formats.
var formats = map[string]briefing.Format{
	".txt":      briefing.FormatText,
	".md":       briefing.FormatMarkdown,
	".markdown": briefing.FormatMarkdown,
	".html":     briefing.FormatHTML,
	".htm":      briefing.FormatHTML,
}

const supportedExtensions = ".txt, .md, .html, .htm"

// formatOf returns the format for a file name, by its extension.
func formatOf(name string) (briefing.Format, bool) {
	f, ok := formats[strings.ToLower(filepath.Ext(name))]
	return f, ok
}

// rejection is an input refused for a reason a person can act on.
type rejection struct {
	Path   string
	Reason string
}

func (r *rejection) Error() string { return r.Path + ": " + r.Reason }

func reject(path, format string, args ...any) *rejection {
	return &rejection{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// walkInputs visits every document under paths, in order: a file given by
// name, and every file with a supported extension in a folder, recursively,
// in lexical order. A folder's entries are read one folder at a time (names
// only), so memory stays small however many files there are. Hidden files
// and folders inside a folder (".git", ".DS_Store") are skipped. Paths that
// cannot be documents (missing, dangling links, devices, unsupported
// extensions) go to bad; visit returning an error stops the walk with it.
func walkInputs(ctx context.Context, paths []string, visit func(path string) error, bad func(*rejection)) error {
	for _, root := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := os.Stat(root)
		if err != nil {
			bad(unreadable(root, err))
			continue
		}
		if !info.IsDir() {
			if r := checkFile(root, info); r != nil {
				bad(r)
				continue
			}
			if err := visit(root); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				bad(unreadable(path, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := os.Stat(path) // follows a symbolic link to its file
			if err != nil {
				bad(unreadable(path, err))
				return nil
			}
			if info.IsDir() {
				bad(reject(path, "is a symbolic link to a folder, which is not followed; name the folder itself"))
				return nil
			}
			if r := checkFile(path, info); r != nil {
				bad(r)
				return nil
			}
			return visit(path)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkFile refuses what is not a regular file with a supported extension.
func checkFile(path string, info fs.FileInfo) *rejection {
	if !info.Mode().IsRegular() {
		return reject(path, "not a regular file (%s)", info.Mode().Type())
	}
	if _, ok := formatOf(path); !ok {
		ext := filepath.Ext(path)
		if ext == "" {
			return reject(path, "unsupported extension: the name has none (briefbot reads %s)", supportedExtensions)
		}
		return reject(path, "unsupported extension %q (briefbot reads %s)", ext, supportedExtensions)
	}
	return nil
}

func unreadable(path string, err error) *rejection {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	reason := "unreadable: " + err.Error()
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil {
			reason = "unreadable: a symbolic link to a file that does not exist"
		} else {
			reason = "unreadable: no such file or folder"
		}
	}
	return reject(path, "%s", reason)
}

// readDocument reads one document, checking its size with Stat before
// reading and never reading more than maxBytes+1 bytes, so a file growing
// while it is read cannot get past the limit either.
func readDocument(path string, maxBytes int64) (briefing.Document, *rejection) {
	format, ok := formatOf(path)
	if !ok {
		return briefing.Document{}, reject(path, "unsupported extension %q (briefbot reads %s)", filepath.Ext(path), supportedExtensions)
	}
	f, err := os.Open(path)
	if err != nil {
		return briefing.Document{}, unreadable(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return briefing.Document{}, unreadable(path, err)
	}
	if !info.Mode().IsRegular() {
		return briefing.Document{}, reject(path, "not a regular file (%s)", info.Mode().Type())
	}
	if info.Size() == 0 {
		return briefing.Document{}, reject(path, "empty file")
	}
	if info.Size() > maxBytes {
		return briefing.Document{}, overLimit(path, info.Size(), maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return briefing.Document{}, unreadable(path, err)
	}
	if int64(len(body)) > maxBytes {
		return briefing.Document{}, overLimit(path, int64(len(body)), maxBytes)
	}
	return briefing.Document{Name: path, Format: format, Body: body}, nil
}

func overLimit(path string, size, max int64) *rejection {
	return reject(path, "over the size limit: %s is more than %s (raise BRIEFBOT_MAX_DOCUMENT_BYTES to accept it)", formatBytes(size), formatBytes(max))
}

// pipelineRejection turns an error of the article pipeline into the reason
// a document was refused, without repeating the file name.
func pipelineRejection(path string, err error) *rejection {
	var ie *page.InputError
	if errors.As(err, &ie) {
		reason := ie.Err.Error()
		if ie.Detail != "" {
			reason += ": " + ie.Detail
		}
		return reject(path, "%s", reason)
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, path+": ")
	return reject(path, "%s", msg)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// safely runs the article pipeline on one document, turning a panic into
// an error naming the document, so one bad file cannot stop a batch.
func safely(process func(briefing.Document) (briefing.Article, error), doc briefing.Document) (art briefing.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the article pipeline (please report it with this file): %v", p)
		}
	}()
	return process(doc)
}
