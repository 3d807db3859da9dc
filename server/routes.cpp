// The whole HTTP API on one screen. docs/api.md describes each route.
#include "handlers.h"
#include "router.h"

namespace longjing::server {

void RegisterRoutes(Router& router) {
  // Article ids contain '/', so {id} takes the rest of the (decoded) path.
  router.Get("/api/search", "/api/search", GetSearch);
  router.Get("/api/feed\\.atom", "/api/feed.atom", GetFeed);
  router.Get("/api/taxonomy", "/api/taxonomy", GetTaxonomy);
  router.Get("/api/taxonomy/candidates", "/api/taxonomy/candidates", GetTaxonomyCandidates);
  router.Post("/api/taxonomy/preview", "/api/taxonomy/preview", PostTaxonomyPreview);
  router.Put("/api/taxonomy/([^/]+)/([^/]+)", "/api/taxonomy/{facet}/{id}", PutTaxonomyValue);
  router.Delete("/api/taxonomy/([^/]+)/([^/]+)", "/api/taxonomy/{facet}/{id}", DeleteTaxonomyValue);
  router.Get("/api/pivot", "/api/pivot", GetPivot);
  router.Get("/api/trends", "/api/trends", GetTrends);
  router.Get("/api/significant", "/api/significant", GetSignificant);
  router.Get("/api/articles/(.+)", "/api/articles/{id}", GetArticle);
  router.Post("/api/articles", "/api/articles", PostArticle);
  router.Delete("/api/articles/(.+)", "/api/articles/{id}", DeleteArticle);
  router.Post("/api/files", "/api/files", PostFile);          // multipart upload
  router.Get("/api/files/(.+)", "/api/files/{id}", GetFile);  // an article's original file
  router.Post("/api/reindex", "/api/reindex", PostReindex);
  router.Get("/healthz", "/healthz", GetHealthz);
  router.Get("/metrics", "/metrics", GetMetrics);
  // Static files of the web page; also answers unknown /api/* paths with a JSON 404.
  router.Fallback("/{file}", GetStatic);
  router.InstallHooks();
}

}  // namespace longjing::server
