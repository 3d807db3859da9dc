// Atom 1.0 (RFC 4287) feed of a search: GET /api/feed.atom.
#pragma once

#include <string>
#include <string_view>

#include "longjing/search.h"

namespace longjing::server {

struct FeedLinks {
  std::string base_url;   // "http://host:port", from the Host header
  std::string self_path;  // the request target, "/api/feed.atom?q=..."
};

// The feed document. Entry ids and alternate links point at the article on
// this server (<base_url>/?article=<id>); each entry also links to the
// article's source URL when it has one. Everything is XML-escaped.
std::string RenderAtomFeed(const SearchRequest& request, const SearchResult& result,
                           const FeedLinks& links);

// Text for XML character data and attributes: escapes markup characters and
// drops the control characters XML 1.0 forbids.
std::string XmlEscape(std::string_view text);
// A snippet's HTML (escaped text with <mark> tags) -> plain text.
std::string SnippetToText(std::string_view html);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(std::string_view text);

}  // namespace longjing::server
