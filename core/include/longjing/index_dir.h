// The on-disk layout of an index directory, which Longjing owns:
//
//   <index>/current -> gen-000003     symlink to the live Xapian database
//   <index>/XAPIANDB                  stub file "auto gen-000003": the same, for Xapian's tools
//   <index>/gen-000003/               a glass database
//   <index>/write.lock                flock()ed by the one writer
//
// The stub makes the folder itself a Xapian database: xapian-replicate-server
// serves it by its folder name, and because Xapian resolves the stub once per
// open, a replication session reads one generation throughout (a symlink
// would be re-followed at every file and could mix two generations during a
// swap). A new generation has a new UUID, so replicas take it as a full copy.
// A replica folder written by xapian-replicate (XAPIANDB -> replica_0 or
// replica_1, no `current`) is read the same way.
//
// A full rebuild writes gen-N+1 and swaps the symlink with rename(), which is
// atomic: readers see the old database or the new one, never a mix. Readers
// must open the resolved path (ResolveCurrent) and re-resolve before each
// reopen(), because reopen() on a path whose symlink moved would read another
// database's files.
#pragma once

#include <memory>
#include <string>

#include "longjing/status.h"

namespace longjing {

// The real path of the live database: the target of <index>/current, or,
// without it, the database <index>/XAPIANDB names (a replica folder).
// NotFound when no index was built yet.
Result<std::string> ResolveCurrent(const std::string& index_dir);
// What the `current` symlink holds, as written (one readlink, no checks): a
// reader compares it with the value it resolved last, and resolves again
// only when it moved. Empty when there is no link.
std::string ReadCurrentLink(const std::string& index_dir);

// Exclusive writer lock on an index directory (created if missing).
// Released by the destructor, or by the kernel if the process dies.
class WriterLock {
 public:
  // Fails at once with kLocked, naming the holder's pid when known.
  static Result<std::unique_ptr<WriterLock>> Acquire(const std::string& index_dir);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  // False once the lock file this lock holds is no longer the one at
  // <index>/write.lock: the index folder was removed, replaced or moved away,
  // and a writer must not go on writing into unlinked files.
  bool StillHeld(const std::string& index_dir) const;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

// Writes, syncs and removes a scratch file of a few blocks in the index
// folder: OK when a write there would find room. For a writer waiting for a
// full disk to drain. REQUIRES: the caller holds the WriterLock.
Status ProbeWritable(const std::string& index_dir);

// Creates a new, empty generation directory path (not the database itself).
Result<std::string> NewGenerationPath(const std::string& index_dir);
// Points <index>/current and then <index>/XAPIANDB at `generation_path`
// atomically and removes the generations no longer current.
// REQUIRES: the caller holds the WriterLock.
Status SwapCurrent(const std::string& index_dir, const std::string& generation_path);
// Points <index>/XAPIANDB at the current generation (for a folder written
// before the stub existed, or a swap interrupted between link and stub).
// OK when there is no index yet. REQUIRES: the caller holds the WriterLock.
Status WriteStub(const std::string& index_dir);
// Removes generation directories left by an interrupted rebuild.
// REQUIRES: the caller holds the WriterLock.
void RemoveStaleGenerations(const std::string& index_dir);

}  // namespace longjing
