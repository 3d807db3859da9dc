#include "atom.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "longjing/text.h"

namespace longjing::server {
namespace {

std::string NowRfc3339() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::time_point_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now()));
}

// The article's date at midnight; undated, when the index first saw it (so
// an undated entry does not look changed at every poll); the feed time only
// for documents indexed before first-seen times were kept.
std::string EntryUpdated(const Hit& hit, const std::string& now) {
  if (hit.date.size() == 10) return hit.date + "T00:00:00Z";
  return hit.first_seen.empty() ? now : hit.first_seen;
}

std::string FeedTitle(const SearchRequest& request) {
  std::string title = "Longjing";
  if (!request.q.empty()) title += ": " + request.q;
  for (const auto& [facet, values] : request.filters) {
    std::string joined;
    for (const auto& v : values) joined += (joined.empty() ? "" : ", ") + v;
    title += " [" + facet + ": " + joined + "]";
  }
  if (!request.from.empty() || !request.to.empty())
    title += " [" + request.from + " .. " + request.to + "]";
  if (title == "Longjing") title += ": newest articles";
  return title;
}

void AppendEntry(std::string& out, const Hit& hit, const FeedLinks& links, const std::string& now) {
  std::string article_url = links.base_url + "/?article=" + UrlEncode(hit.id);
  out += "  <entry>\n";
  out += "    <id>" + XmlEscape(article_url) + "</id>\n";
  out += "    <title>" + XmlEscape(hit.title.empty() ? hit.id : hit.title) + "</title>\n";
  out += "    <updated>" + EntryUpdated(hit, now) + "</updated>\n";
  // The alternate link is the original article; the copy on this server is
  // "related". Indexes built before urls were checked may hold javascript: ones.
  bool has_url = text::IsHttpUrl(hit.url);
  const std::string& alternate = has_url ? hit.url : article_url;
  out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(alternate) + "\"/>\n";
  if (has_url)
    out +=
        "    <link rel=\"related\" type=\"text/html\" href=\"" + XmlEscape(article_url) + "\"/>\n";
  if (!hit.source.empty())
    out += "    <author><name>" + XmlEscape(hit.source) + "</name></author>\n";
  for (const auto& [facet, tags] : hit.tags)
    for (const TagRef& tag : tags)
      out += "    <category scheme=\"" + XmlEscape(facet) + "\" term=\"" + XmlEscape(tag.id) +
             "\" label=\"" + XmlEscape(tag.name) + "\"/>\n";
  out += "    <summary type=\"text\">" + XmlEscape(SnippetToText(hit.snippet)) + "</summary>\n";
  out += "  </entry>\n";
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  // XML 1.0 forbids most control characters and bytes that are not UTF-8:
  // both are dropped so the feed stays well-formed; the rest is escaped as
  // any markup is.
  std::string clean;
  clean.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t bad = 0;
    std::string_view rest = text.substr(i);
    bool valid = text::IsValidUtf8(rest, &bad);
    for (char c : rest.substr(0, valid ? rest.size() : bad))
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
    if (valid) break;
    i += bad + 1;
  }
  return text::EscapeMarkup(clean);
}

std::string SnippetToText(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '&') {
      size_t end = html.find(';', i);
      std::string_view entity =
          end == std::string_view::npos ? "" : html.substr(i + 1, end - i - 1);
      if (entity == "amp")
        out += '&';
      else if (entity == "lt")
        out += '<';
      else if (entity == "gt")
        out += '>';
      else if (entity == "quot")
        out += '"';
      else if (entity == "apos")
        out += '\'';
      else if (entity.size() > 1 && entity[0] == '#') {
        bool hex = entity[1] == 'x' || entity[1] == 'X';
        long cp =
            std::strtol(std::string(entity.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
        if (cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF))
          text::AppendUtf8(out, static_cast<char32_t>(cp));
      } else {
        out += c;
        continue;
      }
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string RenderAtomFeed(const SearchRequest& request, const SearchResult& result,
                           const FeedLinks& links) {
  std::string now = NowRfc3339();
  // The newest entry's time (RFC 3339 in UTC sorts as text); now when empty.
  std::string updated;
  for (const Hit& hit : result.hits) updated = std::max(updated, EntryUpdated(hit, now));
  if (updated.empty()) updated = now;
  std::string self = links.base_url + links.self_path;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <id>" + XmlEscape(self) + "</id>\n";
  out += "  <title>" + XmlEscape(FeedTitle(request)) + "</title>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + XmlEscape(self) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(links.base_url + "/") +
         "\"/>\n";
  out += "  <author><name>Longjing</name></author>\n";
  out += "  <generator>Longjing</generator>\n";
  for (const Hit& hit : result.hits) AppendEntry(out, hit, links, now);
  out += "</feed>\n";
  return out;
}

}  // namespace longjing::server
