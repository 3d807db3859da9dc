// One sequential pass over value streams of an index: what it holds per
// source file (for incremental passes) and each id's first-seen time (for
// full builds). Much cheaper than fetching every document.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "index/bulk_build.h"
#include "ingest/file_prep.h"

namespace longjing {

// Per source path (kSlotPath), the ids and change hashes the index holds.
IndexedFiles ScanIndexedFiles(const Xapian::Database& db);
// Every id's first-seen time (kSlotFirstSeen, else kSlotIndexedAt).
FirstSeenTimes ScanFirstSeen(const Xapian::Database& db);

// kSlotFileStat by source path: the key all of a file's documents share, or
// "" when one lacks it or they differ (then the file is read and hashed).
std::unordered_map<std::string, std::string> ScanFileStats(const Xapian::Database& db);

// Sets kSlotFileStat of the document with this id to `key` (a file found
// unchanged by its hash after its stat moved: a touch, a copy back). Only a
// value changes, so Xapian rewrites no posting list. Returns false when no
// document has the id.
bool RefreshFileStat(Xapian::WritableDatabase& db, const std::string& id, const std::string& key);

}  // namespace longjing
