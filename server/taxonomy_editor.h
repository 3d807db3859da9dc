// The server's side of taxonomy edits: PUT/DELETE /api/taxonomy/{facet}/{id}
// and an edited taxonomy file both end here. The file stays the source of
// truth: each edit reads it afresh (so a hand edit made meanwhile is never
// overwritten unseen), checks the client's version (If-Match), applies one
// value's change, writes the file atomically with a .bak of the previous
// one (taxonomy_edit.h), re-tags the index on the writer thread (one
// commit), and only then makes the new taxonomy the searcher's.
//
// Thread-safety: every method may be called from any thread; edits, and
// the watch of the file, run one at a time.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "longjing/indexer.h"
#include "longjing/taxonomy_edit.h"

namespace longjing::server {

struct ServerContext;

struct TaxonomyEditResult {
  std::string version;  // of the file now written
  IndexSummary retag;   // the re-tag's summary (updated = articles re-tagged)
};

class TaxonomyEditor {
 public:
  // `ctx` must outlive the editor; its taxonomy is the one loaded from
  // `bytes`, the file's content at startup.
  TaxonomyEditor(ServerContext& ctx, std::string_view bytes);
  ~TaxonomyEditor();  // Stop()
  TaxonomyEditor(const TaxonomyEditor&) = delete;
  TaxonomyEditor& operator=(const TaxonomyEditor&) = delete;

  // The version (ETag) of the taxonomy the server uses now.
  std::string version() const;

  // `if_match`: the If-Match header, or nullopt; a list of versions or "*".
  // Errors: kConflict when it names none of the file's current version;
  // the edit's own (kInvalidArgument naming the field, kNotFound); the
  // file write's or the re-tag's. Nothing is written on a refused edit.
  Result<TaxonomyEditResult> Put(const std::string& facet, const std::string& id,
                                 const TaxonomyValueEdit& edit,
                                 const std::optional<std::string>& if_match);
  Result<TaxonomyEditResult> Delete(const std::string& facet, const std::string& id,
                                    const std::optional<std::string>& if_match);

  // Checks the file every `period` on a thread of its own; a valid new
  // content is adopted as an edit would be (an invalid one is logged and
  // ignored until it changes again).
  void StartWatching(std::chrono::milliseconds period);
  // Looks at the file once now (what the watch thread does).
  void CheckFile();
  void Stop();

 private:
  using Change = std::function<Status(TaxonomyDocument&)>;
  Result<TaxonomyEditResult> Apply(const Change& change,
                                   const std::optional<std::string>& if_match);
  // REQUIRES: mu_ held. Re-tags for `content` and swaps it in.
  Result<IndexSummary> Adopt(const std::string& content);

  ServerContext& ctx_;
  std::mutex mu_;  // one edit or file check at a time
  mutable std::mutex version_mu_;
  std::string version_;          // guarded by version_mu_: answers never wait for a re-tag
  std::string ignored_version_;  // an invalid file content already logged
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread watch_;
};

// True when an If-Match header value names `version` (quoted or not, weak
// or strong) or is "*".
bool IfMatchAccepts(const std::string& header, const std::string& version);

}  // namespace longjing::server
