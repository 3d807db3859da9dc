// Lets a reader that keeps losing its revision to commits finish its read.
//
// Why: Xapian's glass backend keeps only the revision being written and the
// last one committed, so a read that outlasts two commits fails with
// DatabaseModifiedError however often it is retried. Under a writer that
// commits many times a second (ingest under load) a slow request (a feed on a
// busy machine) could lose every attempt. Readers retry with backoff first;
// after a few failures they take this gate shared, which holds the writer's
// next commit back until they are done. Costs nothing on the normal path:
// the writer takes it exclusively only around commit(), and readers only
// after repeated failures.
//
// Works between threads of one process (the server: searcher and its own
// index writer). A separate longjing-index process is not held back; readers
// of its index keep only the retries.
//
// Thread-safety: For() may be called from any thread; the mutex it returns
// lives as long as the process.
#pragma once

#include <shared_mutex>
#include <string>

namespace longjing::index {

// The gate of the index folder `index_dir` (the same folder named two ways,
// e.g. relative and absolute, shares one gate).
std::shared_mutex& CommitGate(const std::string& index_dir);

}  // namespace longjing::index
