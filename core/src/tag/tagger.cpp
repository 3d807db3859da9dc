#include "longjing/tagger.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <unordered_set>

#include "longjing/langdetect.h"
#include "longjing/text.h"
#include "word_match.h"

namespace longjing {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

}  // namespace

// Aho-Corasick over match symbols. Edges of a node are a sorted slice of one
// shared vector (binary search); failure links make the scan linear, and
// `dict` links jump straight to the next shorter alias ending at a position.
struct Tagger::Automaton {
  struct Node {
    uint32_t first_edge = 0;
    uint32_t edge_count = 0;
    uint32_t fail = 0;
    uint32_t output = kNone;  // index into outputs: an alias ends here
    uint32_t dict = kNone;    // nearest node on the fail chain with an output
  };
  struct Edge {
    char32_t symbol;
    uint32_t target;
  };
  struct Output {
    uint32_t facet;
    uint32_t value;
    uint32_t length;        // in symbols
    bool bound_before;      // the alias starts with a word character
    bool bound_after;       // ... ends with one
    bool anchor = false;    // not an alias: where a stemmed alias may start (Words)
    uint32_t next = kNone;  // another output of the same key (an anchor and an alias)
  };

  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<Output> outputs;
  // BMP symbols that occur in some alias: any other resets to the root at
  // once, which is most of Chinese text.
  std::bitset<0x10000> used;
  // The root's edges for the BMP, dense: most steps of a scan end at the
  // root, which has hundreds of edges.
  std::vector<uint32_t> root_next;
  size_t max_length = 0;

  uint32_t Goto(uint32_t node, char32_t symbol) const {
    const Node& n = nodes[node];
    auto begin = edges.begin() + n.first_edge, end = begin + n.edge_count;
    auto it = std::lower_bound(begin, end, symbol,
                               [](const Edge& e, char32_t s) { return e.symbol < s; });
    return it != end && it->symbol == symbol ? it->target : kNone;
  }

  uint32_t Step(uint32_t node, char32_t symbol) const {
    if (symbol < 0x10000) {
      if (!used[symbol]) return 0;
    }
    for (; node != 0; node = nodes[node].fail) {
      uint32_t next = Goto(node, symbol);
      if (next != kNone) return next;
    }
    if (symbol < 0x10000) return root_next[symbol];
    uint32_t next = Goto(0, symbol);
    return next == kNone ? 0 : next;
  }

  void Build(const std::vector<std::pair<std::u32string, Output>>& keys);
};

void Tagger::Automaton::Build(const std::vector<std::pair<std::u32string, Output>>& keys) {
  // A map-based trie first; flattened into sorted edge slices below.
  std::vector<std::map<char32_t, uint32_t>> children(1);
  std::vector<uint32_t> output(1, kNone);
  for (const auto& [key, out] : keys) {
    uint32_t node = 0;
    for (char32_t sym : key) {
      auto [it, added] = children[node].try_emplace(sym, static_cast<uint32_t>(children.size()));
      if (added) {
        children.emplace_back();
        output.push_back(kNone);
      }
      node = it->second;
      if (sym < 0x10000) used.set(sym);
    }
    // The same key twice: the first value keeps it; an anchor shares it.
    bool taken = false;
    for (uint32_t o = output[node]; o != kNone; o = outputs[o].next) {
      const Output& other = outputs[o];
      taken = taken || (other.anchor == out.anchor &&
                        (!out.anchor || (other.bound_after == out.bound_after)));
    }
    if (taken) continue;
    outputs.push_back(out);
    outputs.back().next = output[node];
    output[node] = static_cast<uint32_t>(outputs.size() - 1);
    max_length = std::max(max_length, key.size());
  }

  nodes.assign(children.size(), Node{});
  for (size_t i = 0; i < children.size(); ++i) {
    nodes[i].first_edge = static_cast<uint32_t>(edges.size());
    nodes[i].edge_count = static_cast<uint32_t>(children[i].size());
    nodes[i].output = output[i];
    for (auto [sym, child] : children[i]) edges.push_back({sym, child});
  }
  root_next.assign(0x10000, 0);
  for (auto [sym, child] : children[0]) {
    if (sym < 0x10000) root_next[sym] = child;
  }

  // Breadth-first, so a node's fail target is final before its children need it.
  std::queue<uint32_t> queue;
  for (auto [sym, child] : children[0]) queue.push(child);
  while (!queue.empty()) {
    uint32_t node = queue.front();
    queue.pop();
    for (auto [sym, child] : children[node]) {
      uint32_t f = nodes[node].fail;
      uint32_t target = kNone;
      for (;;) {
        target = Goto(f, sym);
        if (target != kNone || f == 0) break;
        f = nodes[f].fail;
      }
      nodes[child].fail = target == kNone ? 0 : target;
      uint32_t fail = nodes[child].fail;
      nodes[child].dict = nodes[fail].output != kNone ? fail : nodes[fail].dict;
      queue.push(child);
    }
  }
}

namespace {

// Every stemmer the tagger may use, English first.
const std::vector<std::string>& AllStemmers() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const KnownLanguage& l : kLanguages) {
      std::string name = tag::StemmerFor(l.code);
      if (std::find(all.begin(), all.end(), name) == all.end()) all.push_back(name);
    }
    return all;
  }();
  return names;
}

}  // namespace

// The stemmed aliases, with a trie per stemmer built on first use (most
// corpora need one or two of Xapian's stemmers). The automaton finds where
// one may start (tag::AnchorOf), so only those few words are ever stemmed.
struct Tagger::Words {
  struct Alias {
    std::string text;
    tag::WordOutput output;
  };
  std::vector<Alias> aliases;
  std::vector<std::string> stemmers;
  std::unique_ptr<std::once_flag[]> built;
  std::vector<std::unique_ptr<tag::WordTrie>> tries;
  size_t max_tokens = 0;

  explicit Words(std::vector<Alias> all) : aliases(std::move(all)) {
    stemmers = AllStemmers();
    built.reset(new std::once_flag[stemmers.size()]);
    tries.resize(stemmers.size());
    for (const Alias& a : aliases) max_tokens = std::max(max_tokens, tag::Tokenize(a.text).size());
  }
  const tag::WordTrie& For(std::string_view lang) const {
    std::string name = tag::StemmerFor(lang);
    size_t i = std::find(stemmers.begin(), stemmers.end(), name) - stemmers.begin();
    if (i == stemmers.size()) i = 0;  // English: StemmerFor only names known stemmers
    std::call_once(built[i], [&] {
      auto trie = std::make_unique<tag::WordTrie>(stemmers[i]);
      for (const Alias& a : aliases) trie->Add(a.text, a.output);
      const_cast<Words*>(this)->tries[i] = std::move(trie);
    });
    return *tries[i];
  }
};

Tagger::Tagger(const Taxonomy& taxonomy)
    : taxonomy_(taxonomy), automaton_(new Automaton), words_(nullptr) {
  std::vector<std::pair<std::u32string, Automaton::Output>> keys;
  std::vector<Words::Alias> stemmed;
  const auto& facets = taxonomy.facets();
  for (size_t f = 0; f < facets.size(); ++f) {
    for (size_t v = 0; v < facets[f].values.size(); ++v) {
      const TaxonomyValue& value = facets[f].values[v];
      bool exact = Taxonomy::IsExact(facets[f], value);
      auto add = [&](std::string_view alias) {
        std::u32string key = text::MatchKeyCodePoints(alias);
        if (key.empty()) return;
        if (!exact && !Taxonomy::HasCjk(alias)) {
          stemmed.push_back(
              {std::string(alias), {static_cast<uint32_t>(f), static_cast<uint32_t>(v)}});
          tag::Anchor anchor = tag::AnchorOf(alias, AllStemmers());
          keys.push_back({anchor.prefix,
                          {0, 0, static_cast<uint32_t>(anchor.prefix.size()), anchor.word,
                           anchor.whole, true}});
          return;
        }
        keys.push_back(
            {key,
             {static_cast<uint32_t>(f), static_cast<uint32_t>(v), static_cast<uint32_t>(key.size()),
              text::IsWordChar(key.front()), text::IsWordChar(key.back())}});
      };
      add(value.name);  // the name is always an alias
      for (const std::string& alias : value.aliases) add(alias);
    }
  }
  automaton_->Build(keys);
  if (!stemmed.empty()) words_ = new Words(std::move(stemmed));
}

Tagger::~Tagger() {
  delete automaton_;
  delete words_;
}

namespace {

// One symbol of the scanned text: its folded code point and the bytes of the
// original text it covers (with any dropped marks after it, and the whole of
// a collapsed run of spaces).
struct Symbol {
  char32_t folded;
  size_t begin;
  size_t end;
};

struct Candidate {
  size_t begin;
  size_t end;
  uint32_t facet;
  uint32_t value;
};

// A match ends at symbol `last`; its end byte and its right-hand boundary are
// only known once the next symbol (or the end of the text) is seen.
struct Pending {
  uint32_t output;
  uint64_t last;
};

// The longest stemmed alias at each anchor the automaton found, on the
// text's stems, else on English stems: English phrases quoted in an article
// in another language ("tax incentive" in French) still match.
void MatchWords(std::string_view text, const tag::WordTrie& trie, const tag::WordTrie& english,
                size_t max_tokens, std::vector<size_t>& anchors,
                std::vector<Candidate>& candidates) {
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  for (size_t start : anchors) {
    size_t end = 0;
    tag::WordOutput out;
    if (trie.MatchAt(text, start, max_tokens, &end, &out) ||
        (&english != &trie && english.MatchAt(text, start, max_tokens, &end, &out)))
      candidates.push_back({start, end, out.facet, out.value});
  }
}

// By start, longer first, then greedily without overlap.
std::vector<Mention> LeftmostLongest(std::vector<Candidate>& candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<Mention> mentions;
  size_t covered = 0;
  for (const Candidate& c : candidates) {
    if (!mentions.empty() && c.begin < covered) continue;
    mentions.push_back({c.facet, c.value, c.begin, c.end});
    covered = c.end;
  }
  return mentions;
}

}  // namespace

std::vector<Mention> Tagger::FindMentions(std::string_view text, std::string_view lang) const {
  const Automaton& a = *automaton_;
  if (a.outputs.empty() || text.empty()) return {};

  // Only the last max_length + 2 symbols are ever looked at again.
  size_t ring_size = 1;
  while (ring_size < a.max_length + 2) ring_size <<= 1;
  std::vector<Symbol> ring(ring_size);
  const uint64_t mask = ring_size - 1;
  uint64_t count = 0;  // symbols emitted so far

  std::vector<Candidate> candidates;
  std::vector<Pending> pending;
  std::vector<size_t> anchors;  // byte offsets where a stemmed alias may start

  auto finalize = [&](const Symbol* after) {
    for (const Pending& p : pending) {
      for (uint32_t o = p.output; o != kNone; o = a.outputs[o].next) {
        const Automaton::Output& out = a.outputs[o];
        uint64_t first = p.last + 1 - out.length;
        if (out.bound_before && first > 0 && text::IsWordChar(ring[(first - 1) & mask].folded))
          continue;
        if (out.bound_after && after && text::IsWordChar(after->folded)) continue;
        if (out.anchor) {
          anchors.push_back(ring[first & mask].begin);
          continue;
        }
        candidates.push_back(
            {ring[first & mask].begin, ring[p.last & mask].end, out.facet, out.value});
      }
    }
    pending.clear();
  };

  uint32_t state = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t begin = i;
    char32_t sym = text::MatchSymbol(text::NextCodePoint(text, i));
    i = std::min(i, text.size());  // a truncated last sequence must not push offsets past the end
    if (sym == text::kDropped ||
        (sym == ' ' && count > 0 && ring[(count - 1) & mask].folded == ' ')) {
      if (count > 0) ring[(count - 1) & mask].end = i;
      continue;
    }
    Symbol s{sym, begin, i};
    if (!pending.empty()) finalize(&s);
    ring[count & mask] = s;
    state = a.Step(state, sym);
    for (uint32_t n = a.nodes[state].output != kNone ? state : a.nodes[state].dict; n != kNone;
         n = a.nodes[n].dict) {
      pending.push_back({a.nodes[n].output, count});
    }
    ++count;
  }
  finalize(nullptr);
  if (!anchors.empty())
    MatchWords(text, words_->For(lang), words_->For("en"), words_->max_tokens, anchors, candidates);
  return LeftmostLongest(candidates);
}

std::vector<TagCount> Tagger::Count(const std::vector<Mention>& mentions) const {
  const auto& facets = taxonomy_.facets();
  std::vector<size_t> base(facets.size() + 1, 0);
  for (size_t f = 0; f < facets.size(); ++f) base[f + 1] = base[f] + facets[f].values.size();
  std::vector<int> counts(base.back(), 0);
  for (const Mention& m : mentions) {
    if (m.facet < facets.size() && m.value < facets[m.facet].values.size())
      ++counts[base[m.facet] + m.value];
  }
  std::vector<TagCount> result;
  for (size_t f = 0; f < facets.size(); ++f) {
    for (size_t v = 0; v < facets[f].values.size(); ++v) {
      if (int n = counts[base[f] + v]; n > 0)
        result.push_back({facets[f].name, facets[f].values[v].id, n});
    }
  }
  return result;
}

}  // namespace longjing
