#include "related.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "longjing/text.h"

namespace longjing::search {
namespace {

// Enough terms to characterise an article, few enough to stay fast.
constexpr Xapian::termcount kExpandTerms = 40;

// Keeps unprefixed (lowercase-initial) words of at least three letters that
// are not numbers, and CJK n-grams longer than one character.
class PlainWordDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) return false;
    if (std::all_of(term.begin(), term.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return false;
    size_t chars = 0, i = 0;
    bool cjk = false;
    while (i < term.size()) {
      cjk = text::IsCjk(text::NextCodePoint(term, i)) || cjk;
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
  Xapian::ESet eset = enquire.get_eset(kExpandTerms, rset, &decider);
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
