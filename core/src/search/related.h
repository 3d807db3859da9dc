// Internal to the searcher: "more like this" for the reader view.
#pragma once

#include <xapian.h>

#include <string>

namespace longjing::search {

// Up to `count` documents most similar to `docid`, best first, never docid
// itself: the document's most telling plain words (Enquire::get_eset over an
// RSet holding it; no prefixed terms, no short words or numbers, no single
// CJK characters) ORed, each weighted by its expand weight. id_term is the
// document's unique id term, which excludes it. May throw Xapian::Error.
Xapian::MSet FindRelated(const Xapian::Database& db, Xapian::docid docid,
                         const std::string& id_term, int count);

}  // namespace longjing::search
