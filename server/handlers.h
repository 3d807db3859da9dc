// Every HTTP handler, named verb_noun after its route (routes.cpp registers
// them all). Each parses the request into a typed core request, calls the
// core, and encodes the result or the error (errors.h).
#pragma once

#include "context.h"
#include "http.h"

namespace longjing::server {

// handlers_search.cpp
void GetSearch(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetFeed(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetStatic(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// handlers_candidates.cpp
void GetTaxonomyCandidates(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
// handlers_taxonomy.cpp
void GetTaxonomy(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void PutTaxonomyValue(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void DeleteTaxonomyValue(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void PostTaxonomyPreview(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// handlers_insights.cpp
void GetPivot(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetTrends(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetSignificant(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// handlers_articles.cpp
void GetArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void PostArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void DeleteArticle(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void PostFile(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetFile(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// handlers_admin.cpp
void PostReindex(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetHealthz(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
void GetMetrics(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace longjing::server
