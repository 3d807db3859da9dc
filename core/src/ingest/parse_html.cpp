// HTML via gumbo: metadata from <meta>/<link>/<title>/<h1>, body text from
// <article> (or <main>, or <body>) with page furniture left out.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <stdexcept>

#include "ingest/parse_internal.h"
#include "longjing/parse.h"
#include "longjing/text.h"

namespace longjing {

namespace {

using parse_internal::CleanLine;

// Real pages nest a few dozen levels; deeper trees are hostile input, and
// the walks below are recursive.
constexpr int kMaxDepth = 400;

// Meta names that carry the publication date, most trusted first.
constexpr const char* kDateMetaNames[] = {
    "article:published_time", "og:published_time", "date",        "dc.date",
    "dc.date.issued",         "pubdate",           "publishdate", "citation_publication_date",
    "datepublished",  // schema.org microdata (itemprop)
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view AttrValue(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? std::string_view(attr->value) : std::string_view();
}

bool HasAttr(const GumboNode* node, const char* name) {
  return gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

// Page furniture and non-text: never part of the body.
bool IsSkipped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      break;
  }
  std::string role = Lower(AttrValue(node, "role"));
  if (role == "navigation" || role == "banner" || role == "contentinfo") return true;
  return HasAttr(node, "hidden") || Lower(AttrValue(node, "aria-hidden")) == "true";
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

// Collects the visible text of a subtree, blocks separated by "\n\n".
class TextCollector {
 public:
  // The first <h1> whose text equals `drop_heading` is left out (the title
  // is stored apart; repeating it in the body would double its weight).
  explicit TextCollector(std::string drop_heading = "") : drop_heading_(std::move(drop_heading)) {}

  void Walk(const GumboNode* node, int depth = 0) {
    if (depth > kMaxDepth) return;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      AppendText(node->v.text.text);
      return;
    }
    if (!IsElement(node) || IsSkipped(node)) return;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_H1 && !dropped_ && !drop_heading_.empty() &&
        CleanLine(TextOf(node)) == drop_heading_) {
      dropped_ = true;
      return;
    }
    bool block = IsBlock(tag);
    if (block) out_ += "\n\n";
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) out_ += ' ';
    if (tag == GUMBO_TAG_PRE) ++pre_depth_;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    if (tag == GUMBO_TAG_PRE) --pre_depth_;
    if (block) out_ += "\n\n";
  }

  std::string Take() { return text::NormalizeSpace(out_, true); }

  static std::string TextOf(const GumboNode* node) {
    TextCollector collector;
    collector.Walk(node);
    return collector.Take();
  }

 private:
  // Outside <pre>, a newline in the source is only a space; a blank line in
  // the middle of a <p> must not become a paragraph break.
  void AppendText(std::string_view s) {
    if (pre_depth_ > 0) {
      out_ += s;
      return;
    }
    for (char c : s) out_ += (c == '\n' || c == '\r') ? ' ' : c;
  }

  std::string drop_heading_;
  bool dropped_ = false;
  int pre_depth_ = 0;
  std::string out_;
};

// First element with `tag` in document order; with skip_furniture, subtrees
// IsSkipped() rejects are not searched.
const GumboNode* FindFirst(const GumboNode* node, GumboTag tag, bool skip_furniture,
                           int depth = 0) {
  if (depth > kMaxDepth || !IsElement(node)) return nullptr;
  if (skip_furniture && IsSkipped(node)) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    auto* found =
        FindFirst(static_cast<const GumboNode*>(children.data[i]), tag, skip_furniture, depth + 1);
    if (found) return found;
  }
  return nullptr;
}

// First <time datetime> under `node` that holds a usable date.
std::string TimeElementDate(const GumboNode* node, int depth = 0) {
  if (depth > kMaxDepth || !IsElement(node)) return "";
  if (node->v.element.tag == GUMBO_TAG_TIME) {
    std::string date = parse_internal::NormalizeDate(AttrValue(node, "datetime"));
    if (!date.empty()) return date;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    std::string date = TimeElementDate(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    if (!date.empty()) return date;
  }
  return "";
}

struct PageMeta {
  std::map<std::string, std::string> meta;  // lowercase name/property -> first content
  std::string canonical;                    // <link rel=canonical href>
  std::string title_tag;                    // text of <title>

  std::string Get(const std::string& name) const {
    auto it = meta.find(name);
    return it == meta.end() ? "" : CleanLine(it->second);
  }
};

void CollectMeta(const GumboNode* node, PageMeta& page, int depth = 0) {
  if (depth > kMaxDepth || !IsElement(node)) return;
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_META && HasAttr(node, "content")) {
    for (const char* key : {"property", "name", "itemprop"}) {
      std::string name = Lower(text::Trim(AttrValue(node, key)));
      if (!name.empty()) page.meta.emplace(name, std::string(AttrValue(node, "content")));
    }
  } else if (tag == GUMBO_TAG_LINK && page.canonical.empty() &&
             Lower(AttrValue(node, "rel")).find("canonical") != std::string::npos) {
    page.canonical = CleanLine(AttrValue(node, "href"));
  } else if (tag == GUMBO_TAG_TITLE && page.title_tag.empty() &&
             node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) {
    // TextOf() skips <title> (it is never body text), so read its text directly.
    const GumboVector& children = node->v.element.children;
    std::string title;
    for (unsigned i = 0; i < children.length; ++i) {
      auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE)
        title += child->v.text.text;
    }
    page.title_tag = CleanLine(title);
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    CollectMeta(static_cast<const GumboNode*>(children.data[i]), page, depth + 1);
}

// The part of the page that holds the article text.
const GumboNode* ContentRoot(const GumboNode* html) {
  for (GumboTag tag : {GUMBO_TAG_ARTICLE, GUMBO_TAG_MAIN, GUMBO_TAG_BODY}) {
    if (const GumboNode* found = FindFirst(html, tag, /*skip_furniture=*/tag != GUMBO_TAG_BODY))
      return found;
  }
  return html;
}

std::string PageDate(const PageMeta& page, const GumboNode* root) {
  for (const char* name : kDateMetaNames) {
    std::string date = parse_internal::NormalizeDate(page.Get(name));
    if (!date.empty()) return date;
  }
  return TimeElementDate(root);
}

std::string PageTitle(const PageMeta& page, const GumboNode* root, const GumboNode* html) {
  if (std::string og = page.Get("og:title"); !og.empty()) return og;
  const GumboNode* h1 = FindFirst(root, GUMBO_TAG_H1, false);
  if (!h1) h1 = FindFirst(html, GUMBO_TAG_H1, false);
  if (h1) {
    std::string heading = CleanLine(TextCollector::TextOf(h1));
    if (!heading.empty()) return heading;
  }
  return page.title_tag;
}

void FillArticle(const GumboOutput& doc, Article& article) {
  const GumboNode* html = doc.root;
  PageMeta page;
  CollectMeta(html, page);
  const GumboNode* root = ContentRoot(html);
  article.title = PageTitle(page, root, html);
  article.date = PageDate(page, root);
  article.source = page.Get("og:site_name");
  article.author = page.Get("author");
  if (article.author.empty()) article.author = page.Get("article:author");
  // A page saved from the browser (POST /api/articles) names the address it
  // was read at; the page's own canonical URL comes next.
  article.url = page.Get("longjing:source-url");
  if (article.url.empty())
    article.url = !page.canonical.empty() ? page.canonical : page.Get("og:url");
  if (IsElement(html)) article.lang = parse_internal::NormalizeLang(AttrValue(html, "lang"));
  TextCollector body(article.title);
  body.Walk(root);
  article.body = body.Take();
}

}  // namespace

ParseOutput ParseHtml(std::string_view rel_path, std::string_view bytes) {
  return parse_internal::Guarded(rel_path, [&] {
    ParseOutput out;
    std::string_view content = parse_internal::StripBom(bytes);
    if (auto problem = parse_internal::CheckText(rel_path, content)) {
      out.warnings.push_back(*problem);
      return out;
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // we never report gumbo's parse errors; don't collect them
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
        gumbo_parse_with_options(&options, content.data(), content.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    if (!doc) throw std::runtime_error("gumbo could not parse the page");
    Article article = parse_internal::NewArticle(rel_path, "html");
    FillArticle(*doc, article);
    parse_internal::AddArticle(out, std::move(article));
    return out;
  });
}

}  // namespace longjing
