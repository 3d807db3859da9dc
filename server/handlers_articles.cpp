// One article: read it, ingest a new one, delete one.
#include <filesystem>

#include "atom.h"
#include "auth.h"
#include "errors.h"
#include "handlers.h"
#include "ingest.h"
#include "json_encode.h"
#include "longjing/text.h"

namespace fs = std::filesystem;

namespace longjing::server {
namespace {

constexpr int kRelatedArticles = 5;

// The article id from the path capture, or an error already written.
std::optional<std::string> ArticleId(const httplib::Request& req, httplib::Response& res) {
  std::string id = req.matches.size() > 1 ? req.matches[1].str() : "";
  if (!text::IsValidUtf8(id)) {
    WriteError(res, ApiError{ApiCode::kInvalidArgument, "invalid UTF-8 in the article id"});
    return std::nullopt;
  }
  return id;
}

bool Guard(const ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (auto denied = CheckWriteAccess(req, ctx.config.admin_token, ctx.read_only())) {
    if (denied->code == ApiCode::kUnauthorized) res.set_header("WWW-Authenticate", "Bearer");
    WriteError(res, *denied);
    return false;
  }
  return true;
}

// Only files that hold exactly one article may be deleted as a whole.
bool IsSingleArticleFile(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == ".html" || ext == ".htm";
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

}  // namespace

void GetArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> id = ArticleId(req, res);
  if (!id) return;
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return WriteError(res, searcher.status());
  Result<ArticleView> article = (*searcher)->GetArticle(*id, kRelatedArticles);
  if (!article.ok()) return WriteError(res, article.status());
  WriteJson(res, EncodeArticle(*article));
}

void PostArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!Guard(ctx, req, res)) return;
  if (req.body.size() > ctx.config.max_request_bytes)
    return WriteError(res, ApiError{ApiCode::kPayloadTooLarge,
                                    "request body over " +
                                        std::to_string(ctx.config.max_request_bytes) + " bytes"});
  Result<Article> parsed = ParseIngestBody(req.body, *ctx.taxonomy, TodayUtc());
  if (!parsed.ok()) return WriteError(res, parsed.status());
  auto article = std::make_shared<Article>(std::move(parsed).value());
  std::string corpus = ctx.config.corpus_dir;
  // The file is removed again if indexing fails, so a failed POST leaves
  // nothing in the corpus and a retry gets the same name.
  FileChange change{[article, corpus]() -> Result<std::vector<std::string>> {
                      Result<std::string> path = WriteIngestedArticle(corpus, *article);
                      if (!path.ok()) return path.status();
                      return std::vector<std::string>{*path};
                    },
                    [article, corpus] {
                      std::error_code ec;
                      fs::remove(fs::path(corpus) / article->path, ec);
                    }};
  auto done = ctx.writer->SubmitChange("ingest", std::move(change));
  Result<IndexSummary> summary = done.get();
  if (!summary.ok()) return WriteError(res, summary.status());
  res.set_header("Location", "/api/articles/" + UrlEncode(article->id));
  WriteJson(res, {{"id", article->id}, {"path", article->path}}, 201);
}

void DeleteArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!Guard(ctx, req, res)) return;
  std::optional<std::string> id = ArticleId(req, res);
  if (!id) return;
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return WriteError(res, searcher.status());
  Result<ArticleView> article = (*searcher)->GetArticle(*id, 0);
  if (!article.ok()) return WriteError(res, article.status());
  std::string rel = article->path;
  if (!IsSingleArticleFile(rel))
    return WriteError(
        res, ApiError{ApiCode::kConflict, "article " + *id + " is one of several in " + rel +
                                              "; edit that file to remove it"});
  std::optional<fs::path> file = InsideCorpus(ctx.config.corpus_dir, rel);
  if (!file)
    return WriteError(
        res, ApiError{ApiCode::kConflict, "article " + *id + " has no file in the corpus"});
  // Not undone if indexing fails: the watcher sees the file go and retries.
  FileChange change{[file = *file, rel]() -> Result<std::vector<std::string>> {
                      std::error_code ec;
                      fs::remove(file, ec);
                      if (ec) return ErrnoStatus(ec.value(), "cannot remove " + file.string());
                      return std::vector<std::string>{rel};
                    },
                    {}};
  auto done = ctx.writer->SubmitChange("delete " + rel, std::move(change));
  Result<IndexSummary> summary = done.get();
  if (!summary.ok()) return WriteError(res, summary.status());
  res.status = 204;
}

}  // namespace longjing::server
