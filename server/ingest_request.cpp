#include "ingest_request.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <nlohmann/json.hpp>

#include "json_body.h"
#include "longjing/langdetect.h"
#include "longjing/text.h"
#include "request_parse.h"

namespace longjing::server {
namespace {

using nlohmann::json;

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
      return Status::InvalidArgument(facet + ": unknown " + facet + " id " + DescribeJsonValue(id));
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
      return Status::InvalidArgument("lang: unknown language code '" + text::Excerpt(a.lang) + "'");
    a.lang = lang;
  }
  a.format = "markdown";
  return a;
}

}  // namespace longjing::server
