#include "longjing/schema.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "longjing/text.h"

namespace longjing::schema {

const FacetDef* FindFacet(std::string_view name) {
  for (const auto& f : kFacets)
    if (f.name == name) return &f;
  return nullptr;
}

std::string FilterTerm(const FacetDef& facet, std::string_view value) {
  std::string t(facet.prefix);
  t += value;
  return t;
}

std::string SortTime(std::string_view ymd, double first_seen) {
  if (!ymd.empty()) return std::string(ymd) + "000000";
  std::time_t t = static_cast<std::time_t>(std::max(first_seen, 0.0));
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &utc);
  return buf;
}

std::string IdTerm(std::string_view doc_id) {
  std::string t(kPrefixId);
  t += doc_id;
  return t;
}

std::string Slugify(std::string_view text) {
  // ASCII letters and digits survive lowercased; every other run of bytes
  // (spaces, punctuation, non-ASCII) becomes one '-'. Non-ASCII-only names
  // keep their UTF-8 bytes so that "新华社" still has a usable slug.
  std::string out;
  bool ascii_seen = false;
  for (unsigned char c : text)
    if (c < 0x80 && std::isalnum(c)) ascii_seen = true;
  bool dash = false;
  for (unsigned char c : text) {
    bool keep = (c < 0x80 && std::isalnum(c)) || (!ascii_seen && c >= 0x80);
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else {
      dash = true;
    }
  }
  if (out.size() > 100) out.resize(100);
  return out;
}

std::string SourceTerm(std::string_view source) {
  std::string t(kPrefixSource);
  t += Slugify(source);
  return t;
}

std::string MonthTerm(std::string_view date) {
  std::string t(kPrefixMonth);
  if (date.size() >= 7) {
    t += date.substr(0, 4);
    t += date.substr(5, 2);
  }
  return t;
}

std::string FileTerm(std::string_view rel_path) {
  std::string t(kPrefixFile);
  t += text::HashHex(rel_path);
  return t;
}

std::string DupBandTerm(unsigned band, uint32_t value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02x%08x", band, value);
  return std::string(kPrefixDupBand) + buf;
}

std::string DupGroupKey(std::string_view canonical_id) { return text::HashHex(canonical_id); }

std::string DupGroupTerm(std::string_view group_key) {
  std::string t(kPrefixDupGroup);
  t += group_key;
  return t;
}

std::string NormalizeUrl(std::string_view url) {
  std::string u(url.substr(0, url.find('#')));
  size_t scheme_end = u.find("://");
  size_t host_end = scheme_end == std::string::npos ? 0 : u.find_first_of("/?", scheme_end + 3);
  if (host_end == std::string::npos) host_end = u.size();
  for (size_t i = 0; i < host_end; ++i) u[i] = static_cast<char>(std::tolower(u[i]));
  size_t query = u.find('?', host_end);
  size_t path_end = query == std::string::npos ? u.size() : query;
  if (path_end > host_end && u[path_end - 1] == '/') u.erase(path_end - 1, 1);
  return u;
}

std::string UrlTerm(std::string_view url) {
  std::string t(kPrefixUrl);
  t += text::HashHex(NormalizeUrl(url));
  return t;
}

std::string ValueOfTerm(std::string_view term, std::string_view prefix) {
  std::string_view v = term.substr(std::min(prefix.size(), term.size()));
  if (!v.empty() && v[0] == ':') v.remove_prefix(1);
  return std::string(v);
}

std::string MonthOfTerm(std::string_view term) {
  std::string v = ValueOfTerm(term, kPrefixMonth);
  if (v.size() != 6) return v;
  return v.substr(0, 4) + '-' + v.substr(4);
}

bool IsBodyStem(std::string_view term) {
  return term.size() > kPrefixStem.size() && term.starts_with(kPrefixStem) &&
         !std::isupper(static_cast<unsigned char>(term[kPrefixStem.size()]));
}

bool IsFieldTerm(std::string_view term) {
  return !term.empty() && !term.starts_with(kPrefixStem) &&
         std::isupper(static_cast<unsigned char>(term[0]));
}

std::string DateValue(std::string_view date) {
  if (date.size() < 10) return {};
  std::string out(date.substr(0, 4));
  out += date.substr(5, 2);
  out += date.substr(8, 2);
  return out;
}

DocData SplitDocData(std::string_view data) {
  size_t nl = data.find('\n');
  if (nl == std::string_view::npos) return {data, {}, true};
  return {data.substr(0, nl), data.substr(nl + 1), false};
}

std::string JoinDocData(std::string_view fields_json, std::string_view body) {
  std::string out;
  out.reserve(fields_json.size() + 1 + body.size());
  out += fields_json;
  out += '\n';
  out += body;
  return out;
}

}  // namespace longjing::schema
