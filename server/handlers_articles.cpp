// One article: read it, ingest a new one (as JSON, a saved page or an
// uploaded file), delete one, and serve its original file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "atom.h"
#include "auth.h"
#include "errors.h"
#include "handlers.h"
#include "ingest_request.h"
#include "json_body.h"
#include "json_encode.h"
#include "longjing/corpus_write.h"
#include "longjing/text.h"
#include "upload.h"

namespace longjing::server {
namespace {

constexpr int kRelatedArticles = 5;

std::string OriginalContentType(const std::string& rel) {
  std::string ext = text::LowerAscii(std::filesystem::path(rel).extension().string());
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".md" || ext == ".markdown") return "text/markdown; charset=utf-8";
  if (ext == ".jsonl") return "application/jsonl; charset=utf-8";
  return "text/plain; charset=utf-8";
}

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

// Answers 409 naming the article a repeated source URL already is.
static void WriteRepeated(httplib::Response& res, const Status& status,
                          const std::string& existing) {
  WriteError(res, status);
  nlohmann::json body = nlohmann::json::parse(res.body);
  body["id"] = existing;
  res.set_header("Location", "/api/articles/" + UrlEncode(existing));
  WriteJson(res, body, 409);
}

// Indexes *file (written by the writer thread) and answers 201 with its ids;
// a saved page's `url` already indexed is a 409 naming that article.
static void IngestChecked(ServerContext& ctx, const CheckedFile& file, httplib::Response& res,
                          std::string url = "") {
  auto rel = std::make_shared<std::string>();
  auto existing = std::make_shared<std::string>();
  auto done = ctx.live->writer().SubmitChange(
      "ingest " + file.name, IngestFileChange(ctx.config.corpus_dir, file.name, file.bytes, rel,
                                              std::move(url), existing));
  Result<IndexSummary> summary = done.get();
  if (!summary.ok() && !existing->empty()) return WriteRepeated(res, summary.status(), *existing);
  if (!summary.ok()) return WriteError(res, summary.status());
  std::vector<std::string> ids = MoveIds(file, *rel);
  if (!ids.empty()) res.set_header("Location", "/api/articles/" + UrlEncode(ids[0]));
  WriteJson(res, {{"id", ids.empty() ? "" : ids[0]}, {"ids", ids}, {"path", *rel}}, 201);
}

void PostArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!Guard(ctx, req, res)) return;
  size_t cap = std::max(ctx.config.max_request_bytes, ctx.config.max_upload_bytes);
  if (req.body.size() > cap)
    return WriteError(res, ApiError{ApiCode::kPayloadTooLarge,
                                    "request body over " + std::to_string(cap) + " bytes"});
  ApiError too_large{ApiCode::kPayloadTooLarge,
                     "request body over " + std::to_string(ctx.config.max_request_bytes) +
                         " bytes (a saved page may have up to " +
                         std::to_string(ctx.config.max_upload_bytes) + ")"};
  bool over_article_cap = req.body.size() > ctx.config.max_request_bytes;
  Result<nlohmann::json> body = ParseJsonBody(req.body);
  if (!body.ok()) return WriteError(res, over_article_cap ? too_large : FromStatus(body.status()));
  if (body->is_object() && body->contains("html")) {
    CheckedFile file;
    if (auto bad = CheckSavedPage(ctx.config, *body, TodayUtc(), &file))
      return WriteError(res, *bad);
    std::string url = (*body)["url"].is_string() ? (*body)["url"].get<std::string>() : "";
    return IngestChecked(ctx, file, res, std::move(url));
  }
  // A saved page may be as large as an upload; an article's JSON is capped lower.
  if (over_article_cap) return WriteError(res, too_large);
  Result<Article> parsed = ParseIngestBody(req.body, *ctx.taxonomy(), TodayUtc());
  if (!parsed.ok()) return WriteError(res, parsed.status());
  auto article = std::make_shared<Article>(std::move(parsed).value());
  auto existing = std::make_shared<std::string>();
  auto done = ctx.live->writer().SubmitChange(
      "ingest", IngestArticleChange(ctx.config.corpus_dir, article, existing));
  Result<IndexSummary> summary = done.get();
  // Saved before: the answer names the article the client already has.
  if (!summary.ok() && !existing->empty()) return WriteRepeated(res, summary.status(), *existing);
  if (!summary.ok()) return WriteError(res, summary.status());
  res.set_header("Location", "/api/articles/" + UrlEncode(article->id));
  WriteJson(res, {{"id", article->id}, {"path", article->path}}, 201);
}

void PostFile(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!Guard(ctx, req, res)) return;
  if (!req.is_multipart_form_data())
    return WriteError(res, ApiError{ApiCode::kUnsupportedType,
                                    "POST /api/files takes multipart/form-data with one part "
                                    "named 'file'"});
  if (req.files.count("file") != 1 || req.files.size() != 1)
    return WriteError(res,
                      ApiError{ApiCode::kInvalidArgument,
                               "send exactly one part, named 'file', holding the file", "file"});
  const httplib::MultipartFormData& part = req.files.begin()->second;
  CheckedFile file;
  if (auto bad = CheckUpload(ctx.config, part.filename, part.content, &file))
    return WriteError(res, *bad);
  IngestChecked(ctx, file, res);
}

// The article the index holds under `id` (no related articles).
static Result<ArticleView> IndexedArticle(ServerContext& ctx, const std::string& id) {
  Result<SearcherRef> searcher = ctx.searcher->Get();
  if (!searcher.ok()) return searcher.status();
  return (*searcher)->GetArticle(id, 0);
}

// The original file of an indexed article, from the corpus folder. Only a
// path the index holds for an article is ever served: the id is looked up,
// never taken as a path.
void GetFile(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::optional<std::string> id = ArticleId(req, res);
  if (!id) return;
  Result<ArticleView> article = IndexedArticle(ctx, *id);
  if (!article.ok()) return WriteError(res, article.status());
  Result<std::string> path = CorpusFilePath(ctx.config.corpus_dir, article->path);
  if (!path.ok()) return WriteError(res, path.status());
  std::ifstream in(*path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return WriteError(res, ApiError{ApiCode::kInternal, "cannot read " + *path});
  std::string name = std::filesystem::path(article->path).filename().string();
  std::string ascii;
  for (char c : name) ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? c : '_';
  res.set_header("Content-Disposition",
                 "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlEncode(name));
  // Saved pages carry their site's scripts: shown in a sandbox, as an
  // origin of their own, they can neither run nor reach this one.
  res.headers.erase("Content-Security-Policy");
  res.set_header("Content-Security-Policy",
                 "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
  res.set_content(std::move(bytes).str(), OriginalContentType(article->path));
}

void DeleteArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!Guard(ctx, req, res)) return;
  std::optional<std::string> id = ArticleId(req, res);
  if (!id) return;
  Result<ArticleView> article = IndexedArticle(ctx, *id);
  if (!article.ok()) return WriteError(res, article.status());
  std::string rel = article->path;
  Result<FileChange> change = DeleteArticleChange(ctx.config.corpus_dir, *id, rel);
  if (!change.ok()) return WriteError(res, change.status());
  auto done = ctx.live->writer().SubmitChange("delete " + rel, std::move(change).value());
  Result<IndexSummary> summary = done.get();
  if (!summary.ok()) return WriteError(res, summary.status());
  res.status = 204;
}

}  // namespace longjing::server
