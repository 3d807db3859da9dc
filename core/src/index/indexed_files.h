// What an index holds per source file, for incremental runs: read in one
// sequential pass over value streams, much cheaper than fetching every
// document. (Internal to the core.)
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "ingest/file_prep.h"

namespace longjing {

// (id, change hash) of every document, by source path.
IndexedFiles ScanIndexedFiles(const Xapian::Database& db);

// kSlotFileStat by source path: the key all of a file's documents share, or
// "" when one lacks it or they differ (then the file is read and hashed).
std::unordered_map<std::string, std::string> ScanFileStats(const Xapian::Database& db);

// Sets kSlotFileStat of the document with this id to `key` (a file found
// unchanged by its hash after its stat moved: a touch, a copy back). Only a
// value changes, so Xapian rewrites no posting list. Returns false when no
// document has the id.
bool RefreshFileStat(Xapian::WritableDatabase& db, const std::string& id, const std::string& key);

}  // namespace longjing
