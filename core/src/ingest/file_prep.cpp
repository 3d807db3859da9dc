#include "ingest/file_prep.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "longjing/indexer.h"
#include "longjing/parse.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing {
namespace {

bool ReadAll(const std::string& path, std::string* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    *error = "read error";
    return false;
  }
  *out = std::move(ss).str();
  return true;
}

}  // namespace

PrepContext MakePrepContext(const IndexOptions& options, const Taxonomy* taxonomy,
                            double indexed_at) {
  PrepContext ctx;
  ctx.corpus_dir = options.corpus_dir;
  ctx.max_file_bytes = options.max_file_bytes;
  ctx.max_document_bytes = options.max_document_bytes;
  ctx.max_document_pages = options.max_document_pages;
  ctx.taxonomy = taxonomy;
  ctx.indexed_at = indexed_at;
  ctx.stat_salt = StatSalt();
  return ctx;
}

std::string StatSalt() {
  return text::HashHex("longjing-schema-" + std::to_string(schema::kSchemaVersion)).substr(0, 8);
}

std::string FileStatKey(uintmax_t size, int64_t mtime_ns, uint64_t inode, std::string_view salt) {
  return std::to_string(size) + ':' + std::to_string(mtime_ns) + ':' + std::to_string(inode) + ':' +
         std::string(salt);
}

std::string ClaimId(const std::string& id, const std::function<bool(const std::string&)>& claim) {
  if (id.size() + schema::kPrefixId.size() > schema::kMaxTermBytes)
    return "id '" + id.substr(0, 60) + "...' is longer than 240 bytes; skipped";
  if (!claim(id)) return "duplicate id '" + id + "' (already used by another article); skipped";
  return "";
}

FileResult PrepareFile(const PrepContext& ctx, const std::string& rel_path,
                       const IndexedFile* indexed, DocumentBuilder& builder) {
  FileResult r;
  r.rel_path = rel_path;
  std::string full = ctx.corpus_dir + "/" + rel_path;
  struct stat st;
  if (::stat(full.c_str(), &st) != 0) {
    r.kind = errno == ENOENT ? FileResult::Kind::kMissing : FileResult::Kind::kFailed;
    if (r.kind == FileResult::Kind::kFailed)
      r.warnings.push_back({rel_path, 0, std::string("cannot read: ") + std::strerror(errno)});
    return r;
  }
  bool document = IsDocumentFile(rel_path);
  size_t cap = document ? ctx.max_document_bytes : ctx.max_file_bytes;
  if (static_cast<size_t>(st.st_size) > cap) {
    r.warnings.push_back({rel_path, 0,
                          "file is " + std::to_string(st.st_size) + " bytes, over the " +
                              (document ? "max_document_bytes" : "max_file_bytes") + " cap of " +
                              std::to_string(cap) + "; skipped"});
    return r;
  }
  std::string bytes, error;
  if (!ReadAll(full, &bytes, &error)) {
    r.warnings.push_back({rel_path, 0, "cannot read: " + error});
    return r;
  }
  r.hash = ChangeHash(bytes);
  r.stat_key =
      FileStatKey(static_cast<uintmax_t>(st.st_size),
                  static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                  static_cast<uint64_t>(st.st_ino), ctx.stat_salt);
  if (indexed && !indexed->empty()) {
    bool same = true;
    for (const auto& [id, hash] : *indexed) same = same && hash == r.hash;
    if (same) {
      r.kind = FileResult::Kind::kUnchanged;
      return r;
    }
  }
  ParseLimits limits;
  limits.max_pages = ctx.max_document_pages;
  ParseOutput parsed = ParseFile(rel_path, bytes, limits);
  r.warnings = std::move(parsed.warnings);
  // A file that yields nothing keeps whatever the index already has from it:
  // a bad edit must not erase the last good version.
  if (parsed.articles.empty()) return r;
  r.kind = FileResult::Kind::kBuilt;
  for (const auto& a : parsed.articles) {
    r.docs.push_back(builder.Build(a, r.hash, ctx.indexed_at, &r.warnings));
    r.docs.back().doc.add_value(schema::kSlotFileStat, r.stat_key);
  }
  return r;
}

}  // namespace longjing
