// Significant values: what is over-represented in a selection (foreground)
// against the whole index (background), scored by a G-test.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "insights/insights_engine.h"
#include "insights/term_tally.h"
#include "longjing/langdetect.h"
#include "search/facet_results.h"

namespace longjing::search {
namespace {

namespace s = schema;
using Clock = std::chrono::steady_clock;

// What Xapian's STEM_ALL_Z puts before every stem (schema.h).
constexpr char kStemPrefix = 'Z';
// Bodies read to find how a significant stem is written.
constexpr int kSurfaceScanDocs = 60;
// Stems whose background frequency is looked up at most, the sample's commonest first.
constexpr size_t kSignificantTermLookups = 400;
// Distinct stems of a sample, about (the tally grows past it).
constexpr size_t kExpectedSampleStems = 1 << 15;
// UTF-8 lead byte of U+3000: CJK, then other scripts Xapian cuts into n-grams.
constexpr unsigned char kFirstNgramByte = 0xE3;

// Common English and French words; their stems are left out of the terms.
constexpr std::string_view kStopWords[] = {
    "a",      "about", "after", "all",    "also",   "an",      "and",   "any",   "are",   "as",
    "at",     "be",    "been",  "before", "being",  "between", "both",  "but",   "by",    "can",
    "could",  "did",   "do",    "does",   "during", "each",    "for",   "from",  "had",   "has",
    "have",   "he",    "her",   "his",    "how",    "i",       "if",    "in",    "into",  "is",
    "it",     "its",   "more",  "most",   "new",    "no",      "not",   "now",   "of",    "on",
    "one",    "only",  "or",    "other",  "our",    "out",     "over",  "said",  "says",  "she",
    "should", "so",    "some",  "such",   "than",   "that",    "the",   "their", "them",  "then",
    "there",  "these", "they",  "this",   "those",  "through", "to",    "two",   "under", "up",
    "us",     "was",   "we",    "were",   "what",   "when",    "where", "which", "while", "who",
    "will",   "with",  "would", "year",   "years",  "you",     "au",    "aux",   "avec",  "ce",
    "ces",    "comme", "dans",  "de",     "des",    "du",      "elle",  "en",    "est",   "et",
    "il",     "ils",   "la",    "le",     "les",    "leur",    "leurs", "mais",  "ne",    "nous",
    "on",     "ont",   "ou",    "par",    "pas",    "plus",    "pour",  "qu",    "que",   "qui",
    "sa",     "se",    "ses",   "son",    "sont",   "sur",     "un",    "une",   "été",   "être",
    "a",      "cette", "entre", "fait",   "ans",
};

// The stop words and their English and French stems, built once.
const std::unordered_set<std::string>& StopStems() {
  static const std::unordered_set<std::string> stems = [] {
    std::unordered_set<std::string> out;
    Xapian::Stem english("english"), french("french");
    for (std::string_view w : kStopWords) {
      std::string word(w);
      out.insert(word);
      out.insert(english(word));
      out.insert(french(word));
    }
    return out;
  }();
  return stems;
}

SignificantValue Scored(std::string id, std::string name, uint64_t fg, uint64_t n, uint64_t bg,
                        uint64_t total) {
  return {std::move(id), std::move(name), fg, bg, GTest(fg, n, bg, total)};
}

// Over-represented, frequent enough and significant enough to list.
bool Ranks(const SignificantValue& v, uint64_t n, uint64_t total) {
  return v.fg >= kMinSignificantForeground && v.fg * total > v.bg * n &&
         v.score >= kMinSignificantScore;
}

void SortAndTrim(std::vector<SignificantValue>& values, int size) {
  std::sort(values.begin(), values.end(), [](const SignificantValue& a, const SignificantValue& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  });
  if (values.size() > static_cast<size_t>(size)) values.resize(static_cast<size_t>(size));
}

void SignificantFacet(const Selection& sel, const s::FacetDef& facet, const Taxonomy& taxonomy,
                      int size, SignificantResult& out) {
  out.foreground = out.selection = sel.docs.Count();
  out.background = sel.sets->all().Count();
  ValueCounts fg = sel.sets->Count(&facet, sel.docs);
  ValueCounts bg = sel.sets->Count(&facet, sel.sets->all());
  const std::vector<std::string>* selected = sel.filters.Selected(facet.name);
  // Named through MakeFacet, which also drops ids the taxonomy no longer knows.
  for (const FacetCount& v : MakeFacet(facet, fg, nullptr, taxonomy).values) {
    // A selected value is in every foreground article: trivially "significant".
    if (selected && std::find(selected->begin(), selected->end(), v.id) != selected->end())
      continue;
    SignificantValue scored =
        Scored(v.id, v.name, v.count, out.foreground, bg[v.id], out.background);
    if (Ranks(scored, out.foreground, out.background)) out.values.push_back(std::move(scored));
  }
  SortAndTrim(out.values, size);
}

// At most kSignificantTermSample documents of the selection: the best
// matches of the text, or (browsing) members spread evenly over the docids.
std::vector<Xapian::docid> Sample(const EngineContext& ctx, const Selection& sel) {
  std::vector<Xapian::docid> out;
  uint64_t n = sel.docs.Count();
  if (!sel.text.blank) {
    Xapian::Enquire enquire(ctx.db);
    enquire.set_query(ApplyFilter(sel.text.query, sel.filters.Combined()));
    Xapian::MSet mset = enquire.get_mset(0, kSignificantTermSample);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    return out;
  }
  uint64_t k = std::min<uint64_t>(n, kSignificantTermSample);
  uint64_t i = 0;
  for (Xapian::docid d = sel.docs.NextFrom(1); d != 0 && out.size() < k;
       d = sel.docs.NextFrom(d + 1), ++i)
    if (i * k / n != (i + 1) * k / n) out.push_back(d);  // one per n/k members
  return out;
}

// How each stem of `values` is written: the commonest word of the sample's
// first bodies that stems to it (the stem itself when none does).
void NameStems(const Xapian::Database& db, const std::vector<Xapian::docid>& sample,
               std::vector<SignificantValue>& values) {
  std::unordered_map<std::string, std::unordered_map<std::string, int>> forms;
  for (const SignificantValue& v : values) forms[v.id];
  size_t found = 0;
  for (size_t i = 0; i < sample.size() && i < static_cast<size_t>(kSurfaceScanDocs); ++i) {
    Xapian::Document doc = db.get_document(sample[i]);
    std::string stemmer = StemmerName(doc.get_value(s::kSlotLang));
    Xapian::Stem stem(stemmer.empty() ? "english" : stemmer);
    std::string data = doc.get_data();
    s::DocData parts = s::SplitDocData(data);
    std::string word;
    auto flush = [&] {
      if (word.empty()) return;
      auto it = forms.find(stem(word));
      if (it != forms.end() && it->second[word]++ == 0 && it->second.size() == 1) ++found;
      word.clear();
    };
    std::string body(parts.body);
    for (Xapian::Utf8Iterator c(body); c != Xapian::Utf8Iterator(); ++c) {
      if (Xapian::Unicode::is_wordchar(*c))
        Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*c));
      else
        flush();
    }
    flush();
    if (found == forms.size()) break;
  }
  for (SignificantValue& v : values) {
    const std::unordered_map<std::string, int>& seen = forms[v.id];
    auto best = std::max_element(seen.begin(), seen.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second < b.second : a.first > b.first;
    });
    v.name = best == seen.end() ? v.id : best->first;
  }
}

// Adds the word stems of `doc`'s termlist to `tally`: "Z" + a lowercase
// letter, up to the first lead byte of CJK. A termlist is in byte order, so
// the boolean terms ("Q…", "X…"), numbers ("Z0…"), the author and title
// fields ("ZA…", "ZS…") all come before and are skipped in one skip_to, and
// the n-grams of CJK and the scripts after it (lead bytes 0xE3 on), which
// are most of a Chinese article's terms, all come after and end the walk.
void TallyWordStems(const Xapian::Database& db, Xapian::docid doc, TermTally& tally) {
  static const std::string first = std::string(1, kStemPrefix) + 'a';
  Xapian::TermIterator t = db.termlist_begin(doc), end = db.termlist_end(doc);
  for (t.skip_to(first); t != end; ++t) {
    const std::string term = *t;
    if (term[0] != kStemPrefix || static_cast<unsigned char>(term[1]) >= kFirstNgramByte) break;
    if (term.size() >= 4 &&
        std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; }))
      tally.Add(term);
  }
}

// Scores the sample's stems, commonest first, into `out` (the best `size`).
// A background frequency is a B-tree lookup, so the walk stops as soon as no
// later stem can enter the best `size`: G for a count fg is at most its value
// when the stem is in no article outside the foreground (bg = fg), and that
// bound grows with fg. At most kSignificantTermLookups are looked up.
void ScoreStems(const Xapian::Database& db,
                const std::vector<std::pair<uint64_t, std::string_view>>& by_count,
                const std::unordered_set<std::string>& asked, int size, SignificantResult& out) {
  const std::unordered_set<std::string>& stop = StopStems();
  std::priority_queue<double, std::vector<double>, std::greater<>> best;  // the best `size` scores
  size_t lookups = 0;
  std::string term;
  for (const auto& [count, stem] : by_count) {
    if (best.size() == static_cast<size_t>(size) &&
        GTest(count, out.foreground, count, out.background) < best.top())
      break;
    if (lookups == kSignificantTermLookups) break;
    term.assign(stem);
    if (stop.contains(term.substr(1)) || asked.contains(term)) continue;
    ++lookups;
    SignificantValue v =
        Scored(term.substr(1), "", count, out.foreground, db.get_termfreq(term), out.background);
    if (!Ranks(v, out.foreground, out.background)) continue;
    best.push(v.score);
    if (best.size() > static_cast<size_t>(size)) best.pop();
    out.values.push_back(std::move(v));
  }
  SortAndTrim(out.values, size);
}

void SignificantTerms(const EngineContext& ctx, const Selection& sel, int size,
                      SignificantResult& out) {
  std::vector<Xapian::docid> sample = Sample(ctx, sel);
  out.selection = sel.docs.Count();
  out.foreground = sample.size();
  out.background = ctx.db.get_doccount();
  TermTally fg(kExpectedSampleStems);
  for (Xapian::docid d : sample) TallyWordStems(ctx.db, d, fg);
  std::vector<std::pair<uint64_t, std::string_view>> by_count;
  fg.ForEach([&](std::string_view stem, uint64_t count) {
    if (count >= kMinSignificantForeground) by_count.emplace_back(count, stem);
  });
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  // The query's own words are in every sampled match: trivially significant.
  std::unordered_set<std::string> asked(sel.text.query.get_unique_terms_begin(),
                                        sel.text.query.get_unique_terms_end());
  ScoreStems(ctx.db, by_count, asked, size, out);
  NameStems(ctx.db, sample, out.values);
}

}  // namespace

Result<SignificantResult> RunSignificant(const EngineContext& ctx, const SignificantRequest& req) {
  Clock::time_point start = Clock::now();
  bool terms = req.facet == "terms";
  const s::FacetDef* facet = nullptr;
  if (!terms) {
    const s::FacetDef* def = s::FindFacet(req.facet);
    if (!def || def->kind != s::FacetKind::kTaxonomy || !ctx.taxonomy.facet(req.facet)) {
      std::string known;
      for (const s::FacetDef* f : ReportedFacets(ctx.taxonomy))
        if (f->kind == s::FacetKind::kTaxonomy) known += std::string(f->name) + ", ";
      return Status::InvalidArgument("facet must be one of " + known + "terms; got '" + req.facet +
                                     "'");
    }
    facet = def;
  }
  if (req.size < 1 || req.size > kMaxSignificant)
    return Status::InvalidArgument("size must be from 1 to " + std::to_string(kMaxSignificant) +
                                   ", got " + std::to_string(req.size));
  Result<Selection> sel = SelectDocs(ctx, req.selection);
  if (!sel.ok()) return sel.status();
  SignificantResult out;
  out.facet = req.facet;
  if (terms)
    SignificantTerms(ctx, *sel, req.size, out);
  else
    SignificantFacet(*sel, *facet, ctx.taxonomy, req.size, out);
  out.took_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return out;
}

}  // namespace longjing::search

namespace longjing {
namespace {
double XLogX(double x) { return x > 0 ? x * std::log(x) : 0; }
}  // namespace

// G = 2 (sum O ln O - sum rows R ln R - sum cols C ln C + N ln N), the
// x ln x form of 2 sum O ln(O/E).
double GTest(uint64_t fg, uint64_t foreground, uint64_t bg, uint64_t background) {
  if (foreground == 0 || foreground >= background || fg > foreground || fg > bg) return 0;
  double a = static_cast<double>(fg);
  double b = static_cast<double>(foreground - fg);
  double c = static_cast<double>(bg - fg);
  double d = static_cast<double>(background) - static_cast<double>(foreground) - c;
  if (d < 0) return 0;
  double n = a + b + c + d;
  double g = XLogX(a) + XLogX(b) + XLogX(c) + XLogX(d) - XLogX(a + b) - XLogX(c + d) -
             XLogX(a + c) - XLogX(b + d) + XLogX(n);
  return std::max(0.0, 2 * g);
}

}  // namespace longjing
