#include "search/related.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "longjing/schema.h"
#include "longjing/text.h"

namespace longjing::search {
namespace {

// Enough terms to characterise an article, few enough to stay fast.
constexpr Xapian::termcount kExpandTerms = 40;

// Keeps body and title stems (not the field copies) of at least three letters that are not numbers,
// and CJK n-grams longer than one character.
class PlainWordDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (!schema::IsBodyStem(term)) return false;
    std::string_view word = std::string_view(term).substr(schema::kPrefixStem.size());
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (std::all_of(word.begin(), word.end(), digit)) return false;
    size_t chars = 0, i = 0;
    bool cjk = false;
    while (i < word.size()) {
      cjk = text::IsCjk(text::NextCodePoint(word, i)) || cjk;
      ++chars;
    }
    return cjk ? chars >= 2 : chars >= 3;
  }
};

}  // namespace

Xapian::MSet FindRelated(const Xapian::Database& db, Xapian::docid docid,
                         const std::string& id_term, int count) {
  if (count <= 0) return Xapian::MSet();
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(docid);
  PlainWordDecider decider;
  // Over several databases (shards) Xapian estimates each term's frequency
  // from the article's own database unless asked for the exact one; exact
  // keeps the related articles those of one index over the same corpus.
  Xapian::ESet eset =
      enquire.get_eset(kExpandTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> terms;
  for (auto t = eset.begin(); t != eset.end(); ++t)
    if (t.get_weight() > 0)
      terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), t.get_weight());
  if (terms.empty()) return Xapian::MSet();
  Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(id_term)));
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(count));
  return mset;
}

}  // namespace longjing::search
