// The parallel half of indexing: read one corpus file, decide whether it
// changed, parse and build its documents. Runs on worker threads; touches no
// database. (Internal to the core.)
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "longjing/article.h"
#include "longjing/document_builder.h"

namespace longjing {

// What the index holds for one source file: (id, change hash) per article.
using IndexedFile = std::vector<std::pair<std::string, std::string>>;
using IndexedFiles = std::unordered_map<std::string, IndexedFile>;

struct FileResult {
  enum class Kind { kUnchanged, kBuilt, kFailed, kMissing };
  std::string rel_path;
  Kind kind = Kind::kFailed;
  std::string hash;
  std::string stat_key;  // FileStatKey of the file as read (built and unchanged files)
  std::vector<BuiltDocument> docs;
  std::vector<Diagnostic> warnings;
};

struct PrepContext {
  std::string corpus_dir;
  size_t max_file_bytes = 0;
  size_t max_document_bytes = 0;  // PDF and DOCX (IsDocumentFile)
  size_t max_document_pages = 0;
  const Taxonomy* taxonomy = nullptr;
  double indexed_at = 0;
  std::string stat_salt;  // StatSalt()
};

// The context of one indexing pass with `options`' caps.
struct IndexOptions;
PrepContext MakePrepContext(const IndexOptions& options, const Taxonomy* taxonomy,
                            double indexed_at);
// kSlotFileStat's salt: a new schema version makes every stat key stale, as
// it makes every ChangeHash differ (a new taxonomy re-tags instead, retag.h).
std::string StatSalt();
// kSlotFileStat's value for a file of this size, mtime and inode.
std::string FileStatKey(uintmax_t size, int64_t mtime_ns, uint64_t inode, std::string_view salt);

// Claims a document id for one article of a pass. Returns "" when the
// article may be written, else the warning to give (an id too long for a
// Xapian term, or one already claimed). `claim` records the id in the pass's
// set and returns false when it was there already.
std::string ClaimId(const std::string& id, const std::function<bool(const std::string&)>& claim);

// `indexed` is what the index holds for this path (may be null: new file).
FileResult PrepareFile(const PrepContext& ctx, const std::string& rel_path,
                       const IndexedFile* indexed, DocumentBuilder& builder);

}  // namespace longjing
