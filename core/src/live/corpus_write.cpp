#include "longjing/corpus_write.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <functional>
#include <optional>

#include "longjing/parse.h"
#include "longjing/schema.h"
#include "longjing/text.h"

namespace fs = std::filesystem;

namespace longjing {
namespace {

// Temporary files of WriteIngestedArticle: hidden, so neither the indexer nor
// the watcher reads one.
constexpr std::string_view kTempPrefix = ".ingest-";
constexpr std::string_view kTempSuffix = ".tmp";

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

// Only files that hold exactly one article may be deleted as a whole.
bool IsSingleArticleFile(const std::string& path) {
  std::string ext = text::LowerAscii(fs::path(path).extension().string());
  return ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == ".html" || ext == ".htm" ||
         ext == ".pdf" || ext == ".docx";
}

// The file's absolute path, or nullopt when `rel` would leave the corpus.
std::optional<fs::path> InsideCorpus(const std::string& corpus_dir, const std::string& rel) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(corpus_dir), ec);
  fs::path file = fs::weakly_canonical(root / rel, ec);
  if (ec) return std::nullopt;
  auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (root_end != root.end() || file_it == file.end()) return std::nullopt;
  return file;
}

// Writes <corpus>/ingested/<stem><ext> ("-2", "-3"... before ext when
// taken) with what `content(rel)` returns for the chosen relative path. The
// file appears complete or not at all: written to a hidden temporary file,
// then linked into place, which never replaces an existing file.
Result<std::string> WriteNew(const std::string& corpus_dir, const std::string& stem,
                             const std::string& ext,
                             const std::function<std::string(const std::string&)>& content) {
  fs::path dir = fs::path(corpus_dir) / "ingested";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return ErrnoStatus(ec.value(), "cannot create " + dir.string());
  fs::path temp = dir / fmt::format("{}{}-{}{}", kTempPrefix, getpid(),
                                    std::hash<std::string>{}(stem), kTempSuffix);
  for (int n = 1; n < 10000; ++n) {
    std::string name = n == 1 ? stem + ext : fmt::format("{}-{}{}", stem, n, ext);
    if (fs::exists(dir / name, ec)) continue;
    std::string rel = "ingested/" + name;
    fs::remove(temp, ec);
    if (Status s = WriteTemp(temp, content(rel)); !s.ok()) return s;
    // link() fails with EEXIST rather than replacing a file someone else just
    // made; filesystems without hard links get rename() after the check above.
    int rc = link(temp.c_str(), (dir / name).c_str());
    int err = errno;
    if (rc != 0 && (err == EPERM || err == EOPNOTSUPP)) {
      rc = rename(temp.c_str(), (dir / name).c_str());
      err = errno;
    }
    fs::remove(temp, ec);
    if (rc == 0) return rel;
    if (err != EEXIST) return ErrnoStatus(err, "cannot create " + (dir / name).string());
  }
  return Status::Conflict("too many files named " + stem + ext);
}

}  // namespace

Result<std::string> WriteIngestedArticle(const std::string& corpus_dir, Article& article) {
  std::string stem = article.date + "-" + FileSlug(article.title);
  return WriteNew(corpus_dir, stem, ".md", [&](const std::string& rel) {
    article.path = article.id = rel;
    return ToMarkdown(article);
  });
}

Result<std::string> WriteIngestedFile(const std::string& corpus_dir, const std::string& file_name,
                                      std::string_view bytes) {
  fs::path name = fs::path(file_name).filename();
  std::string ext = text::LowerAscii(name.extension().string());
  if (ext.size() < 2)
    return Status::InvalidArgument("file name '" + file_name + "' has no extension");
  std::string stem = FileSlug(name.stem().string());
  std::string content(bytes);
  return WriteNew(corpus_dir, stem, ext, [&](const std::string&) { return content; });
}

Result<std::string> CorpusFilePath(const std::string& corpus_dir, const std::string& rel) {
  std::optional<fs::path> file = InsideCorpus(corpus_dir, rel);
  std::error_code ec;
  if (!file || !fs::is_regular_file(*file, ec))
    return Status::NotFound("no file " + rel + " in the corpus");
  return file->string();
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

// Refuses a change whose source URL the index holds already (kConflict
// naming the article, whose id goes into *existing_id when given).
std::function<Status(Indexer&)> UrlCheck(std::string url,
                                         std::shared_ptr<std::string> existing_id) {
  if (url.empty()) return nullptr;
  return [url = std::move(url), existing_id](Indexer& indexer) -> Status {
    Result<std::optional<std::string>> found = indexer.FindUrl(url);
    if (!found.ok()) return found.status();
    if (!*found) return Status::Ok();
    if (existing_id) *existing_id = **found;
    return Status::Conflict("an article with url " + text::Excerpt(url, 200) +
                            " is indexed already: " + **found);
  };
}

FileChange IngestFileChange(std::string corpus_dir, std::string file_name,
                            std::shared_ptr<const std::string> bytes,
                            std::shared_ptr<std::string> rel, std::string url,
                            std::shared_ptr<std::string> existing_id) {
  return {[corpus_dir, file_name, bytes, rel]() -> Result<std::vector<std::string>> {
            Result<std::string> path = WriteIngestedFile(corpus_dir, file_name, *bytes);
            if (!path.ok()) return path.status();
            *rel = *path;
            return std::vector<std::string>{*path};
          },
          [corpus_dir, rel] {
            if (rel->empty()) return;
            std::error_code ec;
            fs::remove(fs::path(corpus_dir) / *rel, ec);
          },
          UrlCheck(std::move(url), std::move(existing_id))};
}

FileChange IngestArticleChange(std::string corpus_dir, std::shared_ptr<Article> article,
                               std::shared_ptr<std::string> existing_id) {
  std::function<Status(Indexer&)> check = UrlCheck(article->url, std::move(existing_id));
  return {[article, corpus_dir]() -> Result<std::vector<std::string>> {
            Result<std::string> path = WriteIngestedArticle(corpus_dir, *article);
            if (!path.ok()) return path.status();
            return std::vector<std::string>{*path};
          },
          [article, corpus_dir] {
            std::error_code ec;
            fs::remove(fs::path(corpus_dir) / article->path, ec);
          },
          std::move(check)};
}

Result<FileChange> DeleteArticleChange(const std::string& corpus_dir, const std::string& id,
                                       const std::string& rel) {
  if (!IsSingleArticleFile(rel))
    return Status::Conflict("article " + id + " is one of several in " + rel +
                            "; edit that file to remove it");
  std::optional<fs::path> file = InsideCorpus(corpus_dir, rel);
  if (!file) return Status::Conflict("article " + id + " has no file in the corpus");
  return FileChange{[file = *file, rel]() -> Result<std::vector<std::string>> {
                      std::error_code ec;
                      fs::remove(file, ec);
                      if (ec) return ErrnoStatus(ec.value(), "cannot remove " + file.string());
                      return std::vector<std::string>{rel};
                    },
                    {},
                    {}};
}

}  // namespace longjing
