// The cap on a query's wildcard expansion (query_builder.h: CheckExpansion).
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "search/query_builder.h"

namespace longjing::search {
namespace {

// The pattern of an OP_WILDCARD query. Xapian 1.4 has no accessor for it,
// only the description "Query(WILDCARD <combiner> <pattern>)", which escapes
// bytes it deems unprintable: nullopt then, and for anything unexpected.
std::optional<std::string> WildcardPattern(const Xapian::Query& q) {
  std::string d = q.get_description();
  constexpr std::string_view kHead = "Query(WILDCARD ";
  if (!d.starts_with(kHead) || !d.ends_with(")")) return std::nullopt;
  size_t space = d.find(' ', kHead.size());
  if (space == std::string::npos) return std::nullopt;
  std::string pattern = d.substr(space + 1, d.size() - space - 2);
  if (pattern.find('\\') != std::string::npos) return std::nullopt;
  return pattern;
}

// Adds to *total the terms each wildcard of q will expand to at match time
// (each capped at kMaxWildcardTerms), stopping once *total passes `limit`.
// Every OP_WILDCARD counts, repeats included: the matcher expands each.
void CountExpansions(const Xapian::Query& q, const Xapian::Database& db, size_t limit,
                     std::map<std::string, size_t>& memo, size_t* total) {
  if (*total > limit) return;
  if (q.get_type() == Xapian::Query::OP_WILDCARD) {
    std::optional<std::string> pattern = WildcardPattern(q);
    if (!pattern) {
      *total += kMaxWildcardTerms;
      return;
    }
    auto [it, fresh] = memo.try_emplace(*pattern, 0);
    if (fresh)
      for (auto t = db.allterms_begin(*pattern);
           t != db.allterms_end(*pattern) && it->second < kMaxWildcardTerms; ++t)
        ++it->second;
    *total += it->second;
    return;
  }
  for (size_t i = 0; i < q.get_num_subqueries(); ++i)
    CountExpansions(q.get_subquery(i), db, limit, memo, total);
}

}  // namespace

Status CheckExpansion(const Xapian::Query& query, const Xapian::Database& db) {
  std::map<std::string, size_t> memo;
  size_t total = 0;
  CountExpansions(query, db, kMaxExpandedTerms, memo, &total);
  if (total <= kMaxExpandedTerms) return Status::Ok();
  return Status::TooComplex("q is too complex: its wildcards expand to more than " +
                            std::to_string(kMaxExpandedTerms) +
                            " index terms; use fewer wildcards or longer prefixes");
}

}  // namespace longjing::search
