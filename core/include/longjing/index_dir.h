// The on-disk layout of an index directory, which Longjing owns:
//
//   <index>/current -> gen-000003     symlink to the live Xapian database
//   <index>/gen-000003/               a glass database
//   <index>/write.lock                flock()ed by the one writer
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

// The real path of the live database, or NotFound when no index was built yet.
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
// Points <index>/current at `generation_path` atomically and removes the
// generations no longer current. REQUIRES: the caller holds the WriterLock.
Status SwapCurrent(const std::string& index_dir, const std::string& generation_path);
// Removes generation directories left by an interrupted rebuild.
// REQUIRES: the caller holds the WriterLock.
void RemoveStaleGenerations(const std::string& index_dir);

}  // namespace longjing
