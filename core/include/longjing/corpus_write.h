// Writes into the corpus on behalf of the live index: ingested articles
// become Markdown files, deleted articles' files are removed. The corpus
// stays the source of truth; the index follows it (index_writer.h).
#pragma once

#include <memory>
#include <string>

#include "longjing/article.h"
#include "longjing/index_writer.h"
#include "longjing/status.h"

namespace longjing {

// Writes `article` (ToMarkdown) to <corpus>/ingested/<date>-<slug>.md,
// adding -2, -3... to the name when taken. The file appears complete or not
// at all (written to a hidden temporary file, then linked into place, which
// never replaces an existing file). Sets article.id and article.path and
// returns the path relative to the corpus root.
// Errors: the write's errno as a code (kNoSpace for a full disk), the partial
// file removed; kConflict after 9999 taken names.
// REQUIRES: called from the index writer thread (names are chosen there).
Result<std::string> WriteIngestedArticle(const std::string& corpus_dir, Article& article);

// Writes `bytes` as <corpus>/ingested/<name>, where name is `file_name`'s
// last path segment made safe (Slugify on the stem, lowercase extension,
// "-2", "-3"... when taken), with the same all-or-nothing write as
// WriteIngestedArticle. Returns the path relative to the corpus root.
// Errors: as WriteIngestedArticle; kInvalidArgument when no extension is left.
// REQUIRES: called from the index writer thread.
Result<std::string> WriteIngestedFile(const std::string& corpus_dir, const std::string& file_name,
                                      std::string_view bytes);

// The change that ingests one uploaded or saved file: WriteIngestedFile on
// the writer thread (its relative path stored in *rel), removed again if
// indexing fails. With a `url` (a saved page's), refused as
// IngestArticleChange refuses a URL the index holds already.
FileChange IngestFileChange(std::string corpus_dir, std::string file_name,
                            std::shared_ptr<const std::string> bytes,
                            std::shared_ptr<std::string> rel, std::string url = "",
                            std::shared_ptr<std::string> existing_id = nullptr);

// The absolute path of corpus file `rel`, or kNotFound when it would lead
// outside the corpus (symlinks resolved) or does not exist.
Result<std::string> CorpusFilePath(const std::string& corpus_dir, const std::string& rel);

// Removes the temporary files a writer killed mid-ingest left in
// <corpus>/ingested (their articles were never acknowledged); returns how many.
// REQUIRES: the caller holds the index's writer lock, so no other process is
// ingesting into this corpus.
int RemoveStaleIngestTemps(const std::string& corpus_dir);

// The change that ingests `article`: WriteIngestedArticle on the writer
// thread (which sets article->id and ->path), and the file removed again if
// indexing fails, so a failed ingest leaves nothing in the corpus and a
// retry gets the same name. An article with a source URL that the index
// already holds (schema::NormalizeUrl) is refused with kConflict, its
// message naming the existing article, whose id goes into *existing_id
// (when given).
FileChange IngestArticleChange(std::string corpus_dir, std::shared_ptr<Article> article,
                               std::shared_ptr<std::string> existing_id = nullptr);

// The change that deletes article `id`, which the index has at `rel` (its
// path relative to the corpus). Not undone if indexing fails: the watcher
// sees the file go and retries.
// Errors: kConflict when the file holds several articles (only .md,
// .markdown, .txt, .html, .htm, .pdf and .docx files hold exactly one) or when `rel`
// leads outside the corpus.
Result<FileChange> DeleteArticleChange(const std::string& corpus_dir, const std::string& id,
                                       const std::string& rel);

}  // namespace longjing
