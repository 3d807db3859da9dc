// One sequential pass over value streams of an index: what it holds per
// source file (for incremental passes) and each id's first-seen time (for
// full builds). Much cheaper than fetching every document.
#pragma once

#include <xapian.h>

#include "index/bulk_build.h"
#include "ingest/file_prep.h"

namespace longjing {

// Per source path (kSlotPath), the ids and change hashes the index holds.
IndexedFiles ScanIndexedFiles(const Xapian::Database& db);
// Every id's first-seen time (kSlotFirstSeen, else kSlotIndexedAt).
FirstSeenTimes ScanFirstSeen(const Xapian::Database& db);

}  // namespace longjing
