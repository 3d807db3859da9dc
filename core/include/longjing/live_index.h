// The index kept in step with the corpus while it is served: the one writer
// thread (index_writer.h), which owns the index's writer lock, fed by the
// corpus watcher (watcher.h) and by writes into the corpus (corpus_write.h).
// longjing-serve opens one unless --no-watch.
//
// Thread-safety: writer() may be used from any thread until Stop().
#pragma once

#include <memory>

#include "longjing/index_writer.h"
#include "longjing/indexer.h"
#include "longjing/taxonomy.h"
#include "longjing/watcher.h"

namespace longjing {

class LiveIndex {
 public:
  // Takes the index's writer lock, removes the temporary files of ingests a
  // killed writer left in the corpus, syncs the index with the corpus
  // (returning once it is in step) and starts watching the corpus. A watcher
  // that cannot start is logged, not an error: the index then follows only
  // the writes made through writer(). observer may be null; it must outlive
  // the LiveIndex.
  // Errors: kLocked when another process writes the index; the sync's.
  static Result<std::unique_ptr<LiveIndex>> Open(const IndexOptions& options,
                                                 std::shared_ptr<const Taxonomy> taxonomy,
                                                 WriteObserver* observer);
  ~LiveIndex();  // Stop()
  LiveIndex(const LiveIndex&) = delete;
  LiveIndex& operator=(const LiveIndex&) = delete;

  IndexWriter& writer() { return *writer_; }
  const IndexWriter& writer() const { return *writer_; }
  bool watching() const { return watcher_ != nullptr; }

  // Stops the watcher, runs the writes already queued and releases the
  // writer lock. Idempotent.
  void Stop();

 private:
  LiveIndex() = default;

  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<CorpusWatcher> watcher_;
};

}  // namespace longjing
