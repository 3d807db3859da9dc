#include "ingest.h"

#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "longjing/langdetect.h"
#include "longjing/parse.h"
#include "longjing/schema.h"
#include "json_body.h"
#include "longjing/text.h"
#include "request_parse.h"

namespace fs = std::filesystem;

namespace longjing::server {
namespace {

using nlohmann::json;

// Temporary files of WriteIngestedArticle: hidden, so neither the indexer nor
// the watcher reads one.
constexpr std::string_view kTempPrefix = ".ingest-";
constexpr std::string_view kTempSuffix = ".tmp";

constexpr std::array<std::string_view, 10> kFields = {
    "title", "body", "date", "source", "url", "author", "lang", "city", "company", "policy"};

Status OptionalString(const json& obj, const char* field, std::string& out) {
  if (!obj.contains(field) || obj[field].is_null()) return Status::Ok();
  if (!obj[field].is_string())
    return Status::InvalidArgument(std::string(field) + " must be a string");
  out = std::string(text::Trim(obj[field].get<std::string>()));
  return Status::Ok();
}

Status ReadTags(const json& obj, const std::string& facet, const Taxonomy& taxonomy, Article& out) {
  if (!obj.contains(facet) || obj[facet].is_null()) return Status::Ok();
  const json& list = obj[facet];
  if (!list.is_array())
    return Status::InvalidArgument(facet + " must be an array of " + facet + " ids");
  for (const json& id : list) {
    // Quote the id, never dump() it whole: it may be huge or deeply nested.
    if (!id.is_string() || !taxonomy.value(facet, id.get<std::string>()))
      return Status::InvalidArgument(facet + ": unknown " + facet + " id " +
                                     DescribeJsonValue(id));
    out.explicit_tags[facet].push_back(id.get<std::string>());
  }
  return Status::Ok();
}

Status ReadFields(const json& obj, const Taxonomy& taxonomy, Article& a) {
  for (const auto& [key, value] : obj.items())
    if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
      return Status::InvalidArgument("unknown field '" + text::Excerpt(key) + "'");
  for (const char* field : {"title", "body"}) {
    if (!obj.contains(field) || !obj[field].is_string() ||
        text::Trim(obj[field].get<std::string>()).empty())
      return Status::InvalidArgument(std::string(field) +
                                     " is required and must be a non-empty string");
  }
  a.title = std::string(text::Trim(obj["title"].get<std::string>()));
  a.body = obj["body"].get<std::string>();
  for (auto [field, target] : {std::pair{"date", &a.date},
                               {"source", &a.source},
                               {"url", &a.url},
                               {"author", &a.author},
                               {"lang", &a.lang}})
    if (Status s = OptionalString(obj, field, *target); !s.ok()) return s;
  for (const char* facet : {"city", "company", "policy"})
    if (Status s = ReadTags(obj, facet, taxonomy, a); !s.ok()) return s;
  return Status::Ok();
}

// Slugify keeps non-ASCII titles' bytes and may cut one mid-character.
std::string FileSlug(const std::string& title) {
  std::string slug = schema::Slugify(title);
  if (slug.size() > 80) slug.resize(80);
  size_t bad = 0;
  while (!slug.empty() && !text::IsValidUtf8(slug, &bad)) slug.resize(bad);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "article" : slug;
}

// A failed write (a full disk: ENOSPC, EFBIG, EDQUOT) removes the partial
// file and keeps errno's meaning in the status code.
Status WriteTemp(const fs::path& temp, const std::string& content) {
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "cannot create " + temp.string());
  size_t done = 0;
  int err = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      err = n < 0 ? errno : ENOSPC;
      break;
    }
    done += static_cast<size_t>(n);
  }
  if (!err && fsync(fd) != 0) err = errno;
  close(fd);
  if (!err) return Status::Ok();
  unlink(temp.c_str());
  return ErrnoStatus(err, "cannot write " + temp.string());
}

}  // namespace

std::string TodayUtc() {
  return fmt::format("{:%Y-%m-%d}", std::chrono::time_point_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now()));
}

Result<Article> ParseIngestBody(std::string_view body, const Taxonomy& taxonomy,
                                const std::string& today) {
  Result<json> parsed = ParseJsonBody(body);
  if (!parsed.ok()) return parsed.status();
  const json& obj = *parsed;
  if (!obj.is_object()) return Status::InvalidArgument("the request body must be a JSON object");
  Article a;
  if (Status s = ReadFields(obj, taxonomy, a); !s.ok()) return s;
  if (!a.url.empty() && !text::IsHttpUrl(a.url))
    return Status::InvalidArgument("url must be an http:// or https:// URL, got '" +
                                   text::Excerpt(a.url) + "'");
  if (a.date.empty()) a.date = today;
  if (!IsValidDate(a.date))
    return Status::InvalidArgument("date must be YYYY-MM-DD, got '" + text::Excerpt(a.date) + "'");
  if (!a.lang.empty()) {
    std::string lang = NormalizeLanguageCode(a.lang);
    if (lang.empty())
      return Status::InvalidArgument("lang: unknown language code '" + text::Excerpt(a.lang) +
                                     "'");
    a.lang = lang;
  }
  a.format = "markdown";
  return a;
}

Result<std::string> WriteIngestedArticle(const std::string& corpus_dir, Article& article) {
  fs::path dir = fs::path(corpus_dir) / "ingested";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return ErrnoStatus(ec.value(), "cannot create " + dir.string());
  std::string stem = article.date + "-" + FileSlug(article.title);
  fs::path temp = dir / fmt::format("{}{}-{}{}", kTempPrefix, getpid(), std::hash<std::string>{}(stem),
                                       kTempSuffix);
  for (int n = 1; n < 10000; ++n) {
    std::string name = n == 1 ? stem + ".md" : fmt::format("{}-{}.md", stem, n);
    if (fs::exists(dir / name, ec)) continue;
    article.path = article.id = "ingested/" + name;
    fs::remove(temp, ec);
    if (Status s = WriteTemp(temp, ToMarkdown(article)); !s.ok()) return s;
    // link() fails with EEXIST rather than replacing a file someone else just
    // made; filesystems without hard links get rename() after the check above.
    int rc = link(temp.c_str(), (dir / name).c_str());
    int err = errno;
    if (rc != 0 && (err == EPERM || err == EOPNOTSUPP)) {
      rc = rename(temp.c_str(), (dir / name).c_str());
      err = errno;
    }
    fs::remove(temp, ec);
    if (rc == 0) return article.path;
    if (err != EEXIST) return ErrnoStatus(err, "cannot create " + (dir / name).string());
  }
  return Status::Conflict("too many articles named " + stem);
}

int RemoveStaleIngestTemps(const std::string& corpus_dir) {
  fs::path dir = fs::path(corpus_dir) / "ingested";
  std::error_code ec;
  int removed = 0;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(kTempPrefix, 0) != 0 || name.size() < kTempSuffix.size() ||
        name.compare(name.size() - kTempSuffix.size(), kTempSuffix.size(), kTempSuffix) != 0)
      continue;
    std::error_code rm;
    if (fs::remove(e.path(), rm)) ++removed;
  }
  return removed;
}

}  // namespace longjing::server
