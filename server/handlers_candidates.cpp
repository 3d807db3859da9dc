// GET /api/taxonomy/candidates: names that recur in the index but match no
// taxonomy value (core/include/longjing/candidates.h). Reading every article
// takes seconds on a large index, so each list is computed once per index
// revision and taxonomy, for the largest limit, and sliced per request.
#include <charconv>
#include <map>
#include <memory>
#include <mutex>

#include "errors.h"
#include "handlers.h"
#include "json_encode.h"
#include "longjing/candidates.h"

namespace longjing::server {
namespace {

using nlohmann::json;

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 200;

struct Request {
  std::string facet;
  int limit = kDefaultLimit;
};

Result<Request> ParseRequest(const httplib::Request& req) {
  Request out;
  for (const auto& [key, value] : req.params) {
    if (key != "facet" && key != "limit")
      return Status::InvalidField(key, "unknown parameter '" + key + "' (expected facet, limit)");
    if (req.params.count(key) > 1)
      return Status::InvalidField(key, "parameter " + key + " given more than once");
  }
  auto facet = req.params.find("facet");
  if (facet == req.params.end() || !IsCandidateFacet(facet->second))
    return Status::InvalidField("facet", "parameter facet must be company, city or policy");
  out.facet = facet->second;
  if (auto limit = req.params.find("limit"); limit != req.params.end()) {
    const std::string& v = limit->second;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out.limit);
    if (ec != std::errc() || end != v.data() + v.size() || out.limit < 1 || out.limit > kMaxLimit)
      return Status::InvalidField("limit", "parameter limit must be an integer from 1 to " +
                                               std::to_string(kMaxLimit) + ", got '" + v + "'");
  }
  return out;
}

// Lists by "<revision>|<taxonomy fingerprint>|<facet>"; only the current
// revision's are kept. `compute_mu` lets one request compute a list while
// the others wait for it instead of computing it again.
struct Cache {
  std::mutex mu;
  std::mutex compute_mu;
  std::string revision;
  std::map<std::string, std::shared_ptr<const CandidateList>> lists;

  std::shared_ptr<const CandidateList> Find(const std::string& revision_now,
                                            const std::string& key) {
    std::lock_guard<std::mutex> lock(mu);
    if (revision != revision_now) {
      revision = revision_now;
      lists.clear();
    }
    auto it = lists.find(key);
    return it == lists.end() ? nullptr : it->second;
  }
  void Put(const std::string& key, std::shared_ptr<const CandidateList> list) {
    std::lock_guard<std::mutex> lock(mu);
    if (list->revision == revision) lists[key] = std::move(list);
  }
};

Cache& TheCache() {
  static Cache cache;
  return cache;
}

Result<std::shared_ptr<const CandidateList>> Candidates(const ServerContext& ctx,
                                                        const std::string& facet) {
  const std::string& index = ctx.config.index_dir;
  auto revision = IndexRevisionKey(index);
  if (!revision.ok()) return Status::Unavailable("no index yet: " + revision.status().message());
  // One snapshot: an edit may swap the taxonomy while the list is computed.
  std::shared_ptr<const Taxonomy> taxonomy = ctx.taxonomy();
  std::string key = *revision + "|" + taxonomy->fingerprint() + "|" + facet;
  Cache& cache = TheCache();
  if (auto hit = cache.Find(*revision, key)) return hit;
  std::lock_guard<std::mutex> computing(cache.compute_mu);
  if (auto hit = cache.Find(*revision, key)) return hit;
  auto list = SuggestFromIndex(index, *taxonomy, facet, kMaxLimit);
  if (!list.ok()) {
    if (list.status().code() == Code::kNotFound)
      return Status::Unavailable("no index yet: " + list.status().message());
    return list.status();
  }
  auto shared = std::make_shared<const CandidateList>(std::move(*list));
  // Keyed by the revision read, which may be newer than the one looked up.
  cache.Put(shared->revision + "|" + taxonomy->fingerprint() + "|" + facet, shared);
  return shared;
}

}  // namespace

void GetTaxonomyCandidates(ServerContext& ctx, const httplib::Request& req,
                           httplib::Response& res) {
  auto request = ParseRequest(req);
  if (!request.ok()) return WriteError(res, request.status());
  auto list = Candidates(ctx, request->facet);
  if (!list.ok()) return WriteError(res, list.status());
  json candidates = json::array();
  const auto& all = (*list)->candidates;
  for (size_t i = 0; i < all.size() && i < static_cast<size_t>(request->limit); ++i) {
    const TaxonomyCandidate& c = all[i];
    json duplicate = nullptr;
    if (c.duplicate_of)
      duplicate = {{"id", c.duplicate_of->first}, {"name", c.duplicate_of->second}};
    candidates.push_back({{"text", c.text},
                          {"articles", c.articles},
                          {"languages", c.languages},
                          {"examples", c.examples},
                          {"duplicate_of", duplicate}});
  }
  WriteJson(res, {{"facet", request->facet}, {"candidates", std::move(candidates)}});
}

}  // namespace longjing::server
