#include "longjing/live_index.h"

#include <spdlog/spdlog.h>

#include "longjing/corpus_write.h"

namespace longjing {

Result<std::unique_ptr<LiveIndex>> LiveIndex::Open(const IndexOptions& options,
                                                   std::shared_ptr<const Taxonomy> taxonomy,
                                                   WriteObserver* observer) {
  auto indexer = Indexer::Open(options, std::move(taxonomy));
  if (!indexer.ok()) return indexer.status();
  // The writer lock is ours now: a temporary file in the corpus is a dead
  // writer's unfinished ingest.
  if (int n = RemoveStaleIngestTemps(options.corpus_dir))
    spdlog::info("removed {} unfinished ingest file(s) from {}/ingested", n, options.corpus_dir);
  std::unique_ptr<LiveIndex> live(new LiveIndex());
  live->writer_ = std::make_unique<IndexWriter>(std::move(indexer).value(), observer);
  Result<IndexSummary> summary = live->writer_->Sync().get();
  if (!summary.ok()) return summary.status();
  spdlog::info("index in step with {}: {}", options.corpus_dir, summary->ToText());

  IndexWriter* writer = live->writer_.get();
  auto watcher = CorpusWatcher::Start(options.corpus_dir,
                                      [writer](std::vector<std::string> paths, bool rescan) {
                                        // Fire and forget: the writer logs, counts and
                                        // retries the outcome.
                                        writer->Follow(std::move(paths), rescan);
                                      });
  if (watcher.ok())
    live->watcher_ = std::move(watcher).value();
  else
    spdlog::warn("not watching the corpus: {}", watcher.status().message());
  return live;
}

LiveIndex::~LiveIndex() { Stop(); }

void LiveIndex::Stop() {
  if (watcher_) watcher_->Stop();
  if (writer_) writer_->Stop();
}

}  // namespace longjing
