// Word lists of the candidate extractor (candidates.cpp). Internal.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace longjing::tag::candidates {

// Folded words that are capitalised only at a sentence start or in a title:
// function words, months, days, titles, in English and French.
inline bool IsNoiseWord(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "a", "an", "the", "and", "or", "but", "if", "in", "on", "at", "to", "of", "for", "from", "by",
      "with", "as", "after", "before", "since", "while", "when", "where", "why", "how", "what",
      "who", "which", "this", "that", "these", "those", "there", "here", "it", "its", "we", "our",
      "they", "their", "he", "she", "his", "her", "i", "you", "not", "no", "yes", "also", "yet",
      "so", "then", "however", "meanwhile", "still", "even", "only", "both", "all", "some", "many",
      "most", "more", "other", "each", "every", "one", "two", "three", "new", "last", "next",
      "first", "over", "under", "about", "into", "during", "between", "is", "are", "was", "were",
      "be", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must",
      "do", "does", "did", "mr", "mrs", "ms", "dr", "prof", "le", "la", "les", "un", "une", "des",
      "du", "de", "d", "l", "au", "aux", "et", "ou", "mais", "donc", "car", "ni", "en", "dans",
      "sur", "sous", "pour", "par", "avec", "sans", "chez", "vers", "entre", "depuis", "pendant",
      "avant", "apres", "selon", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on",
      "nous", "vous", "leur", "leurs", "son", "sa", "ses", "qui", "que", "quoi", "dont", "ou",
      "comme", "ainsi", "aussi", "encore", "deja", "toutefois", "cependant", "pourtant", "alors",
      "si", "plus", "moins", "tout", "tous", "toute", "toutes", "est", "sont", "etait", "a", "ont",
      "sera", "m",
      "mme",  // Countries, regions, their adjectives and titles: capitalised in every
      // sentence they are in, and never a new firm or Chinese city.
      "china", "chinese", "chine", "chinois", "chinoise", "chinoises", "us", "u.s", "usa",
      "america", "american", "americans", "americain", "americaine", "etats-unis", "europe",
      "european", "europeen", "europeenne", "eu", "ue", "japan", "japanese", "japon", "korea",
      "korean", "coree", "france", "french", "francais", "francaise", "germany", "german",
      "allemagne", "britain", "british", "uk", "asia", "asian", "asie", "africa", "india", "indian",
      "russia", "russian", "taiwanese", "western", "eastern", "global", "national", "ceo", "cto",
      "pdg", "president", "premier", "minister", "ministre", "professor", "professeur", "party",
      "parti", "state", "council", "government", "gouvernement", "ministry", "ministere",
      "according", "than", "such", "very", "just", "like", "said", "been", "being", "another",
      "near", "year", "years", "per", "via", "among", "against", "whose", "whom", "own", "same",
      "any", "few", "much", "well", "january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december", "janvier", "fevrier", "mars",
      "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi",
      "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "today", "yesterday",
      "tomorrow"};
  static const std::unordered_set<std::string_view> kSet(kWords.begin(), kWords.end());
  return kSet.count(w) > 0;
}

// Last words that make a name a firm's ("Moore Threads Technology").
inline bool IsCompanySuffix(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "group",         "groupe",  "technology",   "technologies", "tech", "robotics",
      "motor",         "motors",  "inc",          "ltd",          "co",   "corp",
      "corporation",   "company", "holdings",     "holding",      "ai",   "labs",
      "semiconductor", "systems", "electronics",  "energy",       "bank", "capital",
      "pharma",        "biotech", "intelligence", "automobile",   "auto", "industries",
      "international", "sa"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// Last words that make a name a place's ("Lingang New Area", "Xiong'an District").
inline bool IsPlaceSuffix(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "city",  "district", "province", "county", "area",        "prefecture",
      "ville", "province", "district", "region", "municipality"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// Words before a place name more often than before a firm's.
inline bool IsPlacePreposition(std::string_view w) {
  static const std::vector<std::string_view> kWords = {"in", "near", "outside", "around",
                                                       "a",  "vers", "pres"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// Nouns policy phrases end with (English) or start with (French), folded.
inline bool IsPolicyHead(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "subsidy",  "subsidies", "fund",       "funds",       "incentive",  "incentives", "voucher",
      "vouchers", "loan",      "loans",      "grant",       "grants",     "zone",       "zones",
      "policy",   "policies",  "programme",  "programmes",  "program",    "programs",   "scheme",
      "schemes",  "credit",    "credits",    "reform",      "reforms",    "quota",      "quotas",
      "pilot",    "pilots",    "subvention", "subventions", "fonds",      "aide",       "aides",
      "pret",     "prets",     "credit",     "politique",   "politiques", "programme",  "reforme",
      "reformes", "prime",     "primes",     "zone",        "quotas"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

inline const std::vector<std::u32string> kHanCompanySuffixes = {
    U"股份有限公司", U"有限公司", U"公司", U"集团", U"科技", U"控股", U"银行"};
inline const std::vector<std::u32string> kHanPlaceSuffixes = {U"新区", U"市", U"区", U"县"};
inline const std::vector<std::u32string> kHanPolicySuffixes = {U"补贴", U"政策", U"基金",
                                                               U"贷款", U"试点", U"奖励"};

// Characters that end a Chinese name going backwards: particles, verbs and
// measure words that glue to the name before it.
inline bool IsHanStop(char32_t c) {
  static const std::u32string kStops =
      U"的在和与了是为由从向对将把被等及其该这那一家个年月日于以也都并而或各已让给到说有中上下后前"
      U"内外里及与称据"
      U"新大小多位名首支项等些此每至";
  return kStops.find(c) != std::u32string::npos;
}

// True for a key that starts with a CJK character (Chinese patterns carry
// their own facet: …公司 a firm, …市 a place).
inline bool IsHanKey(std::string_view key) {
  return !key.empty() && (static_cast<unsigned char>(key[0]) & 0xF0) == 0xE0;
}

}  // namespace longjing::tag::candidates
