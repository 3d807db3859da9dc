// Core results -> the API's JSON shapes (docs/api.md). Pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http.h"
#include "longjing/search.h"
#include "longjing/taxonomy.h"

namespace longjing::server {

// {id, title, date, source, url, lang, snippet, city: [{id, name}], company, policy, score}
nlohmann::json EncodeHit(const Hit& hit);
// {query, total, total_exact, took_ms, corrected_q, hits, facets: {name: [{id, name, count,
// selected}]}}
nlohmann::json EncodeSearchResult(const SearchResult& result);
// {id, title, date, source, url, lang, author, path, body, city: [{id, name, count}], ...,
//  mentions: [{facet, id, start, end}], related: [hit...]}
nlohmann::json EncodeArticle(const ArticleView& article);
// {facets: [{name, label, kind, values: [{id, name}]}]}: the taxonomy's facets,
// then lang (known languages), year and month (labels only).
nlohmann::json EncodeTaxonomy(const Taxonomy& taxonomy);

// Serialises with invalid UTF-8 replaced (never throws on bad bytes).
std::string Dump(const nlohmann::json& value);
// 200 (or `status`) with Content-Type application/json; charset=utf-8.
void WriteJson(httplib::Response& res, const nlohmann::json& value, int status = 200);

}  // namespace longjing::server
