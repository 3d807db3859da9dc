#include "longjing/alias_preview.h"

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "index/retag.h"
#include "longjing/index_dir.h"
#include "longjing/schema.h"
#include "longjing/tagger.h"
#include "longjing/taxonomy_edit.h"
#include "longjing/text.h"

namespace longjing {
namespace {

namespace s = schema;
constexpr const char* kPreviewId = "longjing-preview";
constexpr size_t kSnippetContext = 80;  // bytes either side of the mention

// Field names of the preview's value, as the request named them: its name
// is aliases[0] and its aliases[k] is aliases[k+1].
Status RequestField(const Status& st) {
  static const std::regex name(R"(\.values\[\d+\]\.name$)"), alias(R"(\.aliases\[(\d+)\]$)");
  std::smatch m;
  std::string field = st.field();
  if (std::regex_search(field, m, name))
    field = "aliases[0]";
  else if (std::regex_search(field, m, alias))
    field = "aliases[" + std::to_string(std::stoul(m[1].str()) + 1) + "]";
  return Status::InvalidField(field, st.message());
}

// Moves `i` back to the start of a UTF-8 sequence.
size_t CharStart(std::string_view text, size_t i) {
  while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

std::string Snippet(std::string_view text, size_t begin, size_t end) {
  size_t from = CharStart(text, begin > kSnippetContext ? begin - kSnippetContext : 0);
  size_t to = CharStart(text, std::min(text.size(), end + kSnippetContext));
  std::string out = from > 0 ? "…" : "";
  out += text::EscapeMarkup(text.substr(from, begin - from));
  out += "<mark>" + text::EscapeMarkup(text.substr(begin, end - begin)) + "</mark>";
  out += text::EscapeMarkup(text.substr(end, to - end));
  if (to < text.size()) out += "…";
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

Result<Taxonomy> WithPreviewValue(const Taxonomy& current, const std::string& facet,
                                  const std::vector<std::string>& aliases) {
  if (aliases.empty()) return Status::InvalidField("aliases", "give at least one alias");
  auto doc = TaxonomyDocument::Parse(current.source(), "the taxonomy");
  if (!doc.ok()) return doc.status();
  TaxonomyValueEdit edit{aliases[0], {aliases.begin() + 1, aliases.end()}, std::nullopt};
  if (Status st = doc->Put(facet, kPreviewId, edit); !st.ok())
    return st.field() == "facet" ? st : RequestField(st);
  return Taxonomy::Parse(doc->Serialize(), "the previewed taxonomy");
}

}  // namespace

Result<AliasPreview> PreviewAliases(const std::string& index_dir, const Taxonomy& current,
                                    const std::string& facet,
                                    const std::vector<std::string>& aliases, size_t max_examples,
                                    size_t max_examined) {
  Result<Taxonomy> taxonomy = WithPreviewValue(current, facet, aliases);
  if (!taxonomy.ok()) return taxonomy.status();
  Result<std::string> path = ResolveCurrent(index_dir);
  if (!path.ok()) return Status::Unavailable("no index to preview in: " + path.status().message());
  try {
    Xapian::Database db(*path);
    Tagger tagger(*taxonomy);
    size_t facet_index = 0, value_index = 0;
    for (size_t f = 0; f < taxonomy->facets().size(); ++f)
      if (taxonomy->facets()[f].name == facet) {
        facet_index = f;
        value_index = taxonomy->facets()[f].values.size() - 1;  // appended last
      }
    AliasPreview out;
    std::vector<Xapian::docid> docs = index::AliasCandidates(db, aliases);
    out.candidates = docs.size();
    size_t step =
        std::max<size_t>(1, (docs.size() + max_examined - 1) / std::max<size_t>(1, max_examined));
    for (size_t i = 0; i < docs.size(); i += step) {
      ++out.examined;
      std::string data = db.get_document(docs[i]).get_data();
      s::DocData split = s::SplitDocData(data);
      auto fields = nlohmann::json::parse(split.fields, nullptr, false);
      if (!fields.is_object()) continue;
      std::string title = fields.value("title", "");
      std::string text = title + "\n" + std::string(split.body);
      for (const Mention& m : tagger.FindMentions(text, fields.value("lang", ""))) {
        if (m.facet != facet_index || m.value != value_index) continue;
        ++out.articles;
        if (out.examples.size() < max_examples)
          out.examples.push_back({fields.value("id", ""), title, Snippet(text, m.begin, m.end)});
        break;
      }
    }
    if (out.examined < out.candidates) {
      out.exact = false;
      out.articles = out.articles * out.candidates / std::max<size_t>(1, out.examined);
    }
    return out;
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot read the index in " + index_dir + ": " + e.get_msg());
  }
}

}  // namespace longjing
