#include "taxonomy_editor.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "context.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

// The file's bytes, or "" when it cannot be read now (the watch retries).
std::string ReadBytes(const std::string& path) {
  std::string out;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return out;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  std::fclose(f);
  return out;
}

}  // namespace

bool IfMatchAccepts(const std::string& header, const std::string& version) {
  size_t start = 0;
  while (start <= header.size()) {
    size_t comma = header.find(',', start);
    std::string_view item = text::Trim(std::string_view(header).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start));
    if (item.rfind("W/", 0) == 0) item.remove_prefix(2);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"')
      item = item.substr(1, item.size() - 2);
    if (item == "*" || item == version) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

TaxonomyEditor::TaxonomyEditor(ServerContext& ctx, std::string_view bytes)
    : ctx_(ctx), version_(TaxonomyVersion(bytes)) {}

TaxonomyEditor::~TaxonomyEditor() { Stop(); }

std::string TaxonomyEditor::version() const {
  std::lock_guard lock(version_mu_);
  return version_;
}

Result<TaxonomyEditResult> TaxonomyEditor::Put(const std::string& facet, const std::string& id,
                                               const TaxonomyValueEdit& edit,
                                               const std::optional<std::string>& if_match) {
  return Apply([&](TaxonomyDocument& doc) { return doc.Put(facet, id, edit); }, if_match);
}

Result<TaxonomyEditResult> TaxonomyEditor::Delete(const std::string& facet, const std::string& id,
                                                  const std::optional<std::string>& if_match) {
  return Apply([&](TaxonomyDocument& doc) { return doc.Delete(facet, id); }, if_match);
}

Result<TaxonomyEditResult> TaxonomyEditor::Apply(const Change& change,
                                                 const std::optional<std::string>& if_match) {
  std::lock_guard lock(mu_);
  const std::string& path = ctx_.config.taxonomy_file;
  auto doc = TaxonomyDocument::Load(path);
  if (!doc.ok())
    return Status::Unavailable("the taxonomy file cannot be edited now: " + doc.status().message());
  if (if_match && !IfMatchAccepts(*if_match, doc->version()))
    return Status::Conflict("the taxonomy changed since version " + text::Excerpt(*if_match) +
                            " (now \"" + doc->version() + "\"); reload it and edit again");
  if (Status st = change(*doc); !st.ok()) return st;
  std::string content = doc->Serialize();
  if (Status st = WriteFileAtomically(path, content); !st.ok()) return st;
  spdlog::info("taxonomy: {} written (previous kept as {}.bak)", path, path);
  Result<IndexSummary> retag = Adopt(content);
  if (!retag.ok()) return retag.status();
  return TaxonomyEditResult{TaxonomyVersion(content), *retag};
}

Result<IndexSummary> TaxonomyEditor::Adopt(const std::string& content) {
  auto parsed = Taxonomy::Parse(content, ctx_.config.taxonomy_file);
  if (!parsed.ok()) return parsed.status();
  auto taxonomy = std::make_shared<const Taxonomy>(std::move(parsed).value());
  auto swap = [&] {
    ctx_.set_taxonomy(taxonomy);
    std::lock_guard lock(version_mu_);
    version_ = TaxonomyVersion(content);
  };
  IndexSummary summary;
  if (ctx_.live) {
    Result<IndexSummary> retag = ctx_.live->writer().Retag(taxonomy).get();
    // The file is the truth even when the index could not follow yet: the
    // writer records the new taxonomy and catches up with its next write.
    swap();
    if (!retag.ok()) return retag.status();
    summary = *retag;
    spdlog::info("taxonomy: re-tagged {} article(s) in {:.2f} s", summary.updated, summary.seconds);
  } else {
    swap();
  }
  return summary;
}

void TaxonomyEditor::CheckFile() {
  std::string bytes = ReadBytes(ctx_.config.taxonomy_file);
  if (bytes.empty()) return;
  std::string version = TaxonomyVersion(bytes);
  std::lock_guard lock(mu_);
  if (version == this->version() || version == ignored_version_) return;
  spdlog::info("taxonomy: {} changed on disk; re-tagging", ctx_.config.taxonomy_file);
  Result<IndexSummary> adopted = Adopt(bytes);
  if (!adopted.ok() && adopted.status().code() == Code::kParseError) {
    spdlog::warn("taxonomy: keeping the previous taxonomy: {}", adopted.status().message());
    ignored_version_ = version;
  } else if (!adopted.ok()) {
    spdlog::warn("taxonomy: re-tag failed: {}", adopted.status().ToString());
  }
}

void TaxonomyEditor::StartWatching(std::chrono::milliseconds period) {
  watch_ = std::thread([this, period] {
    std::unique_lock lock(stop_mu_);
    while (!stop_cv_.wait_for(lock, period, [this] { return stopping_; })) {
      lock.unlock();
      CheckFile();
      lock.lock();
    }
  });
}

void TaxonomyEditor::Stop() {
  {
    std::lock_guard lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (watch_.joinable()) watch_.join();
}

}  // namespace longjing::server
