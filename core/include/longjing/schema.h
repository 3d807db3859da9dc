// The index schema: every term prefix, value slot and document-data field
// Longjing writes. No other file spells a prefix or a slot number; the
// indexer, the searcher, the benchmarks and the tests all come here.
// docs/schema.md is the human-readable copy of this table.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace longjing::schema {

// Bumped whenever what is written changes incompatibly; part of every
// document's change hash, so a new schema re-indexes everything once.
// 2: Z-stems only (STEM_ALL_Z), CJK n-grams without positions, body after the JSON fields.
// 3: kSlotFirstSeen and kSlotSortTime.
// 4: the change hash leaves the taxonomy out (kMetaTaxonomy holds it); the
//    document data keeps the file's explicit tags ("explicit").
//    Near-duplicate fingerprints and groups (kSlotDupSig, kSlotDupGroup,
//    XDUPB/XDUPG terms) and XURL terms.
// 5: near-duplicate fingerprints keep the low 16 bits of each MinHash
//    minimum (the top bits made unrelated articles share bands).
inline constexpr int kSchemaVersion = 5;

// ---- Term prefixes -------------------------------------------------------
// Free text is indexed as "Z" + stem with positions (Xapian's STEM_ALL_Z):
// "Z<stem>" for body and title (so a plain query finds the title),
// "ZS<stem>" for the title field and "ZA<stem>" (no positions) for the
// author; the unstemmed words live only in the spelling table. Boolean terms
// are lowercase after the prefix, so no ':' separator is ever needed.
inline constexpr std::string_view kPrefixStem = "Z";      // before every stem (STEM_ALL_Z)
inline constexpr std::string_view kPrefixId = "Q";        // Q<document id>
inline constexpr std::string_view kPrefixTitle = "S";     // title words
inline constexpr std::string_view kPrefixAuthor = "A";    // author words
inline constexpr std::string_view kPrefixCity = "XCITY";  // XCITY<taxonomy id>
inline constexpr std::string_view kPrefixCompany = "XCOMPANY";
inline constexpr std::string_view kPrefixPolicy = "XPOLICY";
inline constexpr std::string_view kPrefixLang = "XLANG";      // XLANG<iso 639-1>, "und" if unknown
inline constexpr std::string_view kPrefixYear = "XYEAR";      // XYEAR<yyyy>
inline constexpr std::string_view kPrefixMonth = "XMONTH";    // XMONTH<yyyymm>
inline constexpr std::string_view kPrefixSource = "XSOURCE";  // XSOURCE<source slug>
inline constexpr std::string_view kPrefixFile =
    "XFILE";  // XFILE<HashHex(source path)>: all articles of one file
// XDUPB<band: 2 hex digits><8 hex digits>: one locality-sensitive band of the
// article's fingerprint (DupBandTerm); articles sharing one are candidate
// near-duplicates.
inline constexpr std::string_view kPrefixDupBand = "XDUPB";
// XDUPG<group key>: every member of one near-duplicate group (DupGroupTerm).
inline constexpr std::string_view kPrefixDupGroup = "XDUPG";
// XURL<HashHex(normalised url)>: the article's source URL (UrlTerm).
inline constexpr std::string_view kPrefixUrl = "XURL";

// Xapian's hard limit on a term's length; longer ids are refused by the indexer.
inline constexpr size_t kMaxTermBytes = 245;

// ---- Value slots ---------------------------------------------------------
// Each slot's encoding is fixed here.
enum Slot : Xapian::valueno {
  kSlotDate = 0,        // "YYYYMMDD" (sorts as text; empty when undated)
  kSlotId = 1,          // the document id, as in the Q term
  kSlotHash = 2,        // 16 hex digits: XXH3 of content + taxonomy + schema version
  kSlotPath = 3,        // source file, relative to the corpus root
  kSlotLang = 4,        // language code, as in the XLANG term
  kSlotYear = 5,        // "YYYY", empty when undated
  kSlotSource = 6,      // source slug, as in the XSOURCE term
  kSlotCity = 7,        // taxonomy ids joined by '\n' (multi-valued)
  kSlotCompany = 8,     // ditto
  kSlotPolicy = 9,      // ditto
  kSlotIndexedAt = 10,  // Xapian::sortable_serialise(unix seconds) of the indexing run
  // Xapian::sortable_serialise(unix seconds) of the first indexing run that
  // saw the document id; kept when the article is re-indexed (changed file,
  // --full rebuild, restart). Schema-2 documents fall back to kSlotIndexedAt.
  kSlotFirstSeen = 11,
  // "YYYYMMDDhhmmss" (UTC, sorts as text): the date at 00:00:00, or the
  // first-seen time when undated. What sort=newest/oldest and relevance ties
  // order by, so undated articles fall in place by when they appeared.
  kSlotSortTime = 12,
  // The near-duplicate fingerprint: kDupHashes MinHash values of the text's
  // shingles, each 16 bits big-endian (duplicates.h); empty for a text too
  // short to fingerprint.
  kSlotDupSig = 13,
  // The article's near-duplicate group key (DupGroupKey of the canonical
  // member's id, 16 hex digits), as in its XDUPG term; empty when it has no
  // near-duplicate. The searcher's collapse key.
  kSlotDupGroup = 14,
  // "<size>:<mtime ns>:<inode>:<salt>" of the source file when it was last
  // read, salt = 8 hex digits of the schema version (a taxonomy change re-tags
  // from the stored text instead, retag.h): a file
  // whose stat still gives this is unchanged without being read (the
  // content hash decides when it differs). Empty in documents indexed
  // before this slot existed.
  kSlotFileStat = 15,
};

// kSlotSortTime's value: `ymd` ("YYYYMMDD", as in kSlotDate) at midnight, or
// when empty `first_seen` (unix seconds).
std::string SortTime(std::string_view ymd, double first_seen);

// ---- Facets --------------------------------------------------------------
enum class FacetKind { kTaxonomy, kLanguage, kYear };

struct FacetDef {
  std::string_view name;    // API parameter and taxonomy key
  std::string_view prefix;  // boolean filter term prefix
  Xapian::valueno slot;     // value slot holding the value(s)
  FacetKind kind;
  bool multi_valued;
};

inline constexpr std::array<FacetDef, 5> kFacets = {{
    {"city", kPrefixCity, kSlotCity, FacetKind::kTaxonomy, true},
    {"company", kPrefixCompany, kSlotCompany, FacetKind::kTaxonomy, true},
    {"policy", kPrefixPolicy, kSlotPolicy, FacetKind::kTaxonomy, true},
    {"lang", kPrefixLang, kSlotLang, FacetKind::kLanguage, false},
    {"year", kPrefixYear, kSlotYear, FacetKind::kYear, false},
}};
inline constexpr size_t kTaxonomyFacetCount = 3;  // the first three of kFacets
// The taxonomy facets' names, which articles may also list explicitly.
inline constexpr std::array<std::string_view, kTaxonomyFacetCount> kTagFacets = {
    kFacets[0].name, kFacets[1].name, kFacets[2].name};

// The facet with that name, or nullptr.
const FacetDef* FindFacet(std::string_view name);

// Boolean term for a facet value: FilterTerm(city, "hangzhou") == "XCITYhangzhou".
std::string FilterTerm(const FacetDef& facet, std::string_view value);
std::string IdTerm(std::string_view doc_id);
std::string SourceTerm(std::string_view source);  // slugs the source name
std::string MonthTerm(std::string_view date);     // "2025-02-19" -> "XMONTH202502"
std::string FileTerm(std::string_view rel_path);  // hashed, so any path fits a term
std::string Slugify(std::string_view text);       // "Project Syndicate" -> "project-syndicate"
// "XDUPB" + 2 hex digits of band + 8 hex digits of `value`. REQUIRES: band < 256.
std::string DupBandTerm(unsigned band, uint32_t value);
// The group key of a group whose canonical member is `canonical_id`.
std::string DupGroupKey(std::string_view canonical_id);
std::string DupGroupTerm(std::string_view group_key);  // "XDUPG" + key
// The URL as compared for "saved twice": scheme and host lowercased, the
// fragment and a trailing '/' of the path dropped. "" stays "".
std::string NormalizeUrl(std::string_view url);
std::string UrlTerm(std::string_view url);  // "XURL" + HashHex(NormalizeUrl(url))

// The value of a filter term: ValueOfTerm("XCITYhangzhou", kPrefixCity) ==
// "hangzhou". A ':' after the prefix (Xapian's convention before a capital
// letter; Longjing never writes one) is skipped. REQUIRES: term starts with prefix.
std::string ValueOfTerm(std::string_view term, std::string_view prefix);
// The timeline's id of a month term: "XMONTH202403" -> "2024-03".
std::string MonthOfTerm(std::string_view term);

// Free-text terms: true for a stem of the body or title ("Z<stem>"), false for
// the field copies ("ZS...", "ZA...") and every boolean term.
bool IsBodyStem(std::string_view term);
// True for boolean filter and id terms ("XCITY...", "Q..."): an uppercase
// prefix other than the stem prefix. Stems and unprefixed words are not.
bool IsFieldTerm(std::string_view term);

// The kSlotDate value of a date: "2025-02-19" -> "20250219"; "" for "".
// REQUIRES: date is empty or YYYY-MM-DD.
std::string DateValue(std::string_view date);

// ---- Document data -------------------------------------------------------
// "<fields>\n<body>": fields is a JSON object {"id", "path", "title", "date",
// "source", "url", "author", "lang", "tags": {"city": [{"id", "count"}],
// "company": [...], "policy": [...]}, "explicit": {"city": ["<id>"], ...}, "pages": [byte offsets]}
// ("explicit": the tags the file names, only when it names some) and body, after the first newline,
// is the plain text the snippets and the reader use. Written JSON never holds a raw newline, so the
// split is unambiguous, and a hit's fields are read without parsing the article's text. (Schema 1
// kept "body" inside the JSON; SplitDocData still reads that.) "pages" is present only for paged
// formats (PDF): the byte offset in body where each page starts, the first
// 0 (Article::page_starts); older documents and other formats have none.
inline constexpr std::string_view kFieldPages = "pages";
struct DocData {
  std::string_view fields;  // the JSON object
  std::string_view body;
  bool body_in_fields = false;  // schema 1: "body" is a field of the JSON
};
DocData SplitDocData(std::string_view data);
std::string JoinDocData(std::string_view fields_json, std::string_view body);

// ---- Database metadata keys ----------------------------------------------
inline constexpr std::string_view kMetaSchema = "longjing.schema";
inline constexpr std::string_view kMetaLastRun = "longjing.last_run";  // JSON summary
// When the writer committed this revision: Unix seconds, decimal ("1795000000.123456").
// Replicas read it to report how far behind the writer they are.
inline constexpr std::string_view kMetaCommitTime = "longjing.commit_time";
// The taxonomy file's text the documents' tags follow (Taxonomy::source()):
// when the taxonomy changes, comparing it with the new one says which values
// changed, and only the articles they may touch are re-tagged (retag.h).
inline constexpr std::string_view kMetaTaxonomy = "longjing.taxonomy";
// The last revision whose commit changed or deleted documents already in the
// index (decimal); every later commit only added documents, each with a docid
// above all earlier ones. Readers extend their facet bitmaps over just the new
// documents when nothing but additions happened since the revision they hold
// (search/doc_sets.h). Absent: nothing is known, so readers build afresh.
inline constexpr std::string_view kMetaAppendSince = "longjing.append_since";

}  // namespace longjing::schema
