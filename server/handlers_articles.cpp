// One article: read it, ingest a new one, delete one.
#include "atom.h"
#include "auth.h"
#include "errors.h"
#include "handlers.h"
#include "ingest_request.h"
#include "json_encode.h"
#include "longjing/corpus_write.h"
#include "longjing/text.h"

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
  auto existing = std::make_shared<std::string>();
  auto done = ctx.live->writer().SubmitChange(
      "ingest", IngestArticleChange(ctx.config.corpus_dir, article, existing));
  Result<IndexSummary> summary = done.get();
  if (!summary.ok() && !existing->empty()) {
    // Saved before: the answer names the article the client already has.
    WriteError(res, summary.status());
    nlohmann::json body = nlohmann::json::parse(res.body);
    body["id"] = *existing;
    res.set_header("Location", "/api/articles/" + UrlEncode(*existing));
    return WriteJson(res, body, 409);
  }
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
  Result<FileChange> change = DeleteArticleChange(ctx.config.corpus_dir, *id, rel);
  if (!change.ok()) return WriteError(res, change.status());
  auto done = ctx.live->writer().SubmitChange("delete " + rel, std::move(change).value());
  Result<IndexSummary> summary = done.get();
  if (!summary.ok()) return WriteError(res, summary.status());
  res.status = 204;
}

}  // namespace longjing::server
