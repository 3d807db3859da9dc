#include "longjing/taxonomy.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "longjing/text.h"
#include "word_match.h"

namespace longjing {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kTopLevel = "(top level)";
constexpr const char* kSlugRule = "must be a lowercase ASCII slug (a-z, 0-9, '-')";

bool IsSlug(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Keys starting with '_' or '$' are comments ("_comment", "$schema").
bool IsCommentKey(std::string_view key) { return !key.empty() && (key[0] == '_' || key[0] == '$'); }

// 1-based line and column (in characters) of the byte before `byte`, which
// is where nlohmann's parse_error::byte points (the last character read).
std::string LineColumn(std::string_view json, size_t byte) {
  size_t last = std::min(byte, json.size());
  if (last > 0) --last;
  size_t line = 1, column = 1;
  for (size_t i = 0; i < last; ++i) {
    if (json[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message without its "[json.exception...] parse error at ...: "
// prefix, whose position counts bytes rather than characters.
std::string SyntaxDetail(const std::string& what) {
  size_t at = what.find("syntax error");
  if (at != std::string::npos) return what.substr(at);
  at = what.find("] ");
  return at == std::string::npos ? what : what.substr(at + 2);
}

// Finds the first key repeated within one object while parsing (the DOM
// would silently keep only one of them), with its JSON path.
class DuplicateKeyFinder {
 public:
  bool OnEvent(Json::parse_event_t event, const Json& parsed) {
    using Event = Json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        frames_.push_back({event == Event::array_start, {}, 0, {}});
        break;
      case Event::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second && duplicate_.empty())
          duplicate_ = Path() + ": duplicate key \"" + frame.key + "\"";
        break;
      }
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        ElementDone();
        break;
      case Event::value:
        ElementDone();
        break;
    }
    return true;
  }
  // Empty when every object's keys are distinct.
  const std::string& duplicate() const { return duplicate_; }

 private:
  struct Frame {
    bool array;
    std::string key;
    size_t index;
    std::set<std::string> keys;
  };
  void ElementDone() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  // The path of the innermost object (the one holding the repeated key).
  std::string Path() const {
    std::string path;
    for (size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        path.append("[").append(std::to_string(f.index)).append("]");
      } else {
        if (!path.empty()) path.append(".");
        path.append(f.key);
      }
    }
    return path.empty() ? kTopLevel : path;
  }
  std::vector<Frame> frames_;
  std::string duplicate_;
};

// Where an alias key was first seen, to name both values of a collision.
struct AliasOwner {
  size_t facet;
  size_t value;
  std::string path;
};

class Parser {
 public:
  explicit Parser(const std::string& origin) : origin_(origin) {}

  Status Error(const std::string& path, const std::string& what) const {
    return Status::ParseError(origin_ + ": " + path + ": " + what);
  }

  Status UnknownKeys(const Json& object, const std::string& path,
                     std::initializer_list<std::string_view> known) const {
    for (const auto& [key, unused] : object.items()) {
      if (IsCommentKey(key)) continue;
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string expected;
      for (std::string_view k : known) expected += (expected.empty() ? "" : ", ") + std::string(k);
      std::string key_path = path == kTopLevel ? key : path + "." + key;
      return Error(key_path, "unknown key (expected " + expected + ")");
    }
    return Status::Ok();
  }

  Status ParseFacets(const Json& root, std::vector<TaxonomyFacet>& facets) {
    if (!root.is_object()) return Error(kTopLevel, "must be an object");
    if (Status s = UnknownKeys(root, kTopLevel, {"facets"}); !s.ok()) return s;
    auto it = root.find("facets");
    if (it == root.end()) return Error("facets", "required object is missing");
    if (!it->is_object()) return Error("facets", "must be an object");
    for (const auto& [name, body] : it->items()) {
      if (IsCommentKey(name)) continue;
      std::string path = "facets." + name;
      if (!IsSlug(name)) return Error(path, std::string("facet name ") + kSlugRule);
      TaxonomyFacet facet;
      facet.name = name;
      if (Status s = ParseFacet(body, path, facets.size(), facet); !s.ok()) return s;
      facets.push_back(std::move(facet));
    }
    return Status::Ok();
  }

 private:
  Status ParseFacet(const Json& body, const std::string& path, size_t index, TaxonomyFacet& facet) {
    if (!body.is_object()) return Error(path, "must be an object");
    if (Status s = UnknownKeys(body, path, {"label", "values", "exact"}); !s.ok()) return s;
    if (Status s = ParseExact(body, path, facet.exact); !s.ok()) return s;
    facet.label = facet.name;  // default: "city" -> "City"
    if (facet.label[0] >= 'a' && facet.label[0] <= 'z') facet.label[0] -= 'a' - 'A';
    if (auto it = body.find("label"); it != body.end()) {
      if (!it->is_string() || text::Trim(it->get_ref<const std::string&>()).empty())
        return Error(path + ".label", "must be a non-empty string");
      facet.label = std::string(text::Trim(it->get_ref<const std::string&>()));
    }
    auto values = body.find("values");
    if (values == body.end()) return Error(path + ".values", "required array is missing");
    if (!values->is_array()) return Error(path + ".values", "must be an array");
    std::map<std::string, size_t> ids;
    for (size_t v = 0; v < values->size(); ++v) {
      std::string vpath = path + ".values[" + std::to_string(v) + "]";
      TaxonomyValue value;
      if (Status s = ParseValue((*values)[v], vpath, value); !s.ok()) return s;
      if (auto [at, added] = ids.emplace(value.id, v); !added) {
        return Error(vpath + ".id", "duplicate id \"" + value.id + "\" (also " + path + ".values[" +
                                        std::to_string(at->second) + "])");
      }
      if (Status s = ClaimAliases(value, vpath, index, v, facet.name); !s.ok()) return s;
      if (!Taxonomy::IsExact(facet, value)) {
        if (Status s = ClaimStems(value, vpath, index, v, facet.name); !s.ok()) return s;
      }
      facet.values.push_back(std::move(value));
    }
    return Status::Ok();
  }

  Status ParseValue(const Json& body, const std::string& path, TaxonomyValue& value) {
    if (!body.is_object()) return Error(path, "must be an object");
    if (Status s = UnknownKeys(body, path, {"id", "name", "aliases", "exact"}); !s.ok()) return s;
    if (Status s = ParseExact(body, path, value.exact); !s.ok()) return s;
    auto id = body.find("id");
    if (id == body.end()) return Error(path + ".id", "required string is missing");
    if (!id->is_string() || !IsSlug(id->get_ref<const std::string&>()))
      return Error(path + ".id", kSlugRule);
    value.id = id->get<std::string>();
    auto name = body.find("name");
    if (name == body.end()) return Error(path + ".name", "required string is missing");
    if (!name->is_string() || text::Trim(name->get_ref<const std::string&>()).empty())
      return Error(path + ".name", "must be a non-empty string");
    value.name = std::string(text::Trim(name->get_ref<const std::string&>()));
    auto aliases = body.find("aliases");
    if (aliases == body.end()) return Status::Ok();
    if (!aliases->is_array()) return Error(path + ".aliases", "must be an array of strings");
    for (size_t a = 0; a < aliases->size(); ++a) {
      const Json& alias = (*aliases)[a];
      if (!alias.is_string())
        return Error(path + ".aliases[" + std::to_string(a) + "]", "must be a string");
      value.aliases.emplace_back(text::Trim(alias.get_ref<const std::string&>()));
    }
    return Status::Ok();
  }

  Status ParseExact(const Json& body, const std::string& path, std::optional<bool>& exact) const {
    auto it = body.find("exact");
    if (it == body.end()) return Status::Ok();
    if (!it->is_boolean()) return Error(path + ".exact", "must be true or false");
    exact = it->get<bool>();
    return Status::Ok();
  }

  // Stemming must not merge two values either: "industrial fund" and
  // "industrial funds" in two values would be one alias to the tagger.
  Status ClaimStems(const TaxonomyValue& value, const std::string& path, size_t facet, size_t index,
                    const std::string& facet_name) {
    static const tag::WordTrie english("english"), french("french");
    auto claim = [&](const std::string& alias, const std::string& apath) -> Status {
      if (Taxonomy::HasCjk(alias)) return Status::Ok();
      for (const tag::WordTrie* trie : {&english, &french}) {
        for (const auto& keys : trie->KeySequences(alias)) {
          std::string key = (trie == &english ? "en" : "fr");
          for (const std::string& k : keys) key += "\x1f" + k;
          auto [at, added] = stems_.try_emplace(key, AliasOwner{facet, index, apath});
          if (added || (at->second.facet == facet && at->second.value == index)) continue;
          return Error(apath, "alias \"" + alias + "\" of " + facet_name + "/" + value.id +
                                  " has the same stems as " + at->second.path +
                                  " of another value; mark one of them \"exact\" or drop it");
        }
      }
      return Status::Ok();
    };
    if (Status s = claim(value.name, path + ".name"); !s.ok()) return s;
    for (size_t a = 0; a < value.aliases.size(); ++a) {
      if (Status s = claim(value.aliases[a], path + ".aliases[" + std::to_string(a) + "]"); !s.ok())
        return s;
    }
    return Status::Ok();
  }

  // Every alias (and the name, which is always one) must mean one value only.
  Status ClaimAliases(const TaxonomyValue& value, const std::string& path, size_t facet,
                      size_t index, const std::string& facet_name) {
    auto claim = [&](const std::string& alias, const std::string& apath) -> Status {
      std::string key = text::MatchKey(alias);
      if (key.empty())
        return Error(apath, "alias \"" + alias + "\" is empty once folded (nothing to match)");
      auto [at, added] = owners_.try_emplace(key, AliasOwner{facet, index, apath});
      if (added || (at->second.facet == facet && at->second.value == index)) return Status::Ok();
      return Error(apath, "alias \"" + alias + "\" of " + facet_name + "/" + value.id +
                              " folds to \"" + key + "\", already an alias of " + at->second.path +
                              "; a mention could not be tagged unambiguously");
    };
    if (Status s = claim(value.name, path + ".name"); !s.ok()) return s;
    for (size_t a = 0; a < value.aliases.size(); ++a) {
      if (Status s = claim(value.aliases[a], path + ".aliases[" + std::to_string(a) + "]"); !s.ok())
        return s;
    }
    return Status::Ok();
  }

  const std::string& origin_;
  std::map<std::string, AliasOwner> owners_;  // by match key
  std::map<std::string, AliasOwner> stems_;   // by language and stem keys
};

std::string Fingerprint(const std::vector<TaxonomyFacet>& facets) {
  Json canonical = Json::array();
  for (const TaxonomyFacet& f : facets) {
    Json values = Json::array();
    for (const TaxonomyValue& v : f.values) {
      values.push_back({{"id", v.id}, {"name", v.name}, {"aliases", v.aliases}});
      if (v.exact) values.back()["exact"] = *v.exact;
    }
    canonical.push_back({{"name", f.name}, {"label", f.label}, {"values", std::move(values)}});
    if (f.exact) canonical.back()["exact"] = *f.exact;
  }
  // The matching rules are part of what a tag means: stemming came in with
  // this prefix, so indexes tagged before it are re-tagged.
  return text::HashHex("stemmed-aliases-1\n" + canonical.dump());
}

}  // namespace

Result<Taxonomy> Taxonomy::Load(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    return Status::IoError("cannot open taxonomy file " + path + ": " + std::strerror(errno));
  std::string content;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) content.append(buffer, n);
  int error = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (error)
    return Status::IoError("cannot read taxonomy file " + path + ": " + std::strerror(error));
  return Parse(content, path);
}

Result<Taxonomy> Taxonomy::Parse(std::string_view json, const std::string& origin) {
  Json root;
  DuplicateKeyFinder duplicates;
  try {
    root = Json::parse(json.begin(), json.end(), [&](int, Json::parse_event_t event, Json& parsed) {
      return duplicates.OnEvent(event, parsed);
    });
  } catch (const Json::parse_error& e) {
    return Status::ParseError(origin + ": " + LineColumn(json, e.byte) +
                              ": invalid JSON: " + SyntaxDetail(e.what()));
  } catch (const Json::exception& e) {
    // e.g. out_of_range for a number too large for a double ("1e999").
    return Status::ParseError(origin + ": invalid JSON: " + e.what());
  }
  if (!duplicates.duplicate().empty())
    return Status::ParseError(origin + ": " + duplicates.duplicate());

  Taxonomy taxonomy;
  Parser parser(origin);
  if (Status s = parser.ParseFacets(root, taxonomy.facets_); !s.ok()) return s;
  taxonomy.fingerprint_ = Fingerprint(taxonomy.facets_);
  taxonomy.source_ = std::string(json);
  return taxonomy;
}

bool Taxonomy::IsExact(const TaxonomyFacet& facet, const TaxonomyValue& value) {
  if (value.exact) return *value.exact;
  if (facet.exact) return *facet.exact;
  return facet.name != "policy";
}

bool Taxonomy::HasCjk(std::string_view alias) {
  for (size_t i = 0; i < alias.size();) {
    if (text::IsCjk(text::NextCodePoint(alias, i))) return true;
  }
  return false;
}

const TaxonomyFacet* Taxonomy::facet(std::string_view name) const {
  for (const TaxonomyFacet& f : facets_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const TaxonomyValue* Taxonomy::value(std::string_view facet_name, std::string_view id) const {
  const TaxonomyFacet* f = facet(facet_name);
  if (!f) return nullptr;
  for (const TaxonomyValue& v : f->values) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

}  // namespace longjing
