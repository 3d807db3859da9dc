// Taxonomy edits: validation naming the field, nothing changed on error,
// round-trip of keys the editor does not know, atomic write with a backup.
#include "longjing/taxonomy_edit.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "test_support.h"

namespace longjing {
namespace {

constexpr const char* kFile = R"({
  "_comment": "kept as written",
  "facets": {
    "city": {
      "label": "City",
      "_note": "facet comment",
      "values": [
        {"id": "hangzhou", "name": "Hangzhou", "aliases": ["杭州"], "_why": "value comment"},
        {"id": "beijing", "name": "Beijing", "aliases": ["Pékin", "北京"]}
      ]
    },
    "policy": {"values": [{"id": "talent", "name": "Talent programs", "aliases": []}]}
  }
})";

TaxonomyDocument Load() {
  auto doc = TaxonomyDocument::Parse(kFile, "t.json");
  REQUIRE_MESSAGE(doc.ok(), doc.status().ToString());
  return std::move(doc).value();
}

TaxonomyValueEdit Edit(std::string name, std::vector<std::string> aliases) {
  return {std::move(name), std::move(aliases), std::nullopt};
}

TEST_CASE("a put replaces name and aliases and keeps every other key in place") {
  TaxonomyDocument doc = Load();
  REQUIRE(doc.Put("city", "hangzhou", Edit("Hangzhou City", {"杭州", "Hang-tcheou"})).ok());
  auto out = nlohmann::ordered_json::parse(doc.Serialize());
  CHECK(out["_comment"] == "kept as written");
  CHECK(out["facets"]["city"]["_note"] == "facet comment");
  const auto& v = out["facets"]["city"]["values"][0];
  CHECK(v["id"] == "hangzhou");
  CHECK(v["name"] == "Hangzhou City");
  CHECK(v["aliases"] == nlohmann::ordered_json::array({"杭州", "Hang-tcheou"}));
  CHECK(v["_why"] == "value comment");
  // Key order as in the file: id, name, aliases, then the comment.
  auto it = v.begin();
  CHECK(it.key() == "id");
  CHECK((++it).key() == "name");
  CHECK((++it).key() == "aliases");
  CHECK((++it).key() == "_why");
  CHECK(doc.taxonomy().value("city", "hangzhou")->name == "Hangzhou City");
  // Unicode stays readable in the file.
  CHECK(doc.Serialize().find("杭州") != std::string::npos);
  CHECK(doc.Serialize().back() == '\n');
}

TEST_CASE("a put of a new id appends the value; a delete removes only it") {
  TaxonomyDocument doc = Load();
  REQUIRE(doc.Put("city", "shenzhen", Edit("Shenzhen", {"深圳"})).ok());
  REQUIRE(doc.taxonomy().facet("city")->values.size() == 3);
  CHECK(doc.taxonomy().facet("city")->values[2].id == "shenzhen");
  REQUIRE(doc.Delete("city", "beijing").ok());
  const auto& values = doc.taxonomy().facet("city")->values;
  REQUIRE(values.size() == 2);
  CHECK(values[0].id == "hangzhou");
  CHECK(values[1].id == "shenzhen");
  CHECK(doc.Delete("city", "beijing").code() == Code::kNotFound);
}

TEST_CASE("a value key the editor does not set survives a put") {
  auto doc = TaxonomyDocument::Parse(R"({"facets": {"city": {"values": [
      {"id": "x", "name": "X", "_exact_later": true}]}}})",
                                     "t.json");
  REQUIRE(doc.ok());
  REQUIRE(doc->Put("city", "x", Edit("X2", {})).ok());
  CHECK(nlohmann::json::parse(doc->Serialize())["facets"]["city"]["values"][0]["_exact_later"] ==
        true);
}

struct BadPut {
  const char* what;
  std::string facet, id;
  TaxonomyValueEdit edit;
  std::string field;
};

TEST_CASE("bad edits are refused naming the field, and change nothing") {
  const std::vector<BadPut> cases = {
      {"unknown facet", "town", "x", Edit("X", {}), "facet"},
      {"id not a slug", "city", "Shen Zhen", Edit("Shenzhen", {}), "id"},
      {"empty id", "city", "", Edit("Shenzhen", {}), "id"},
      {"empty name", "city", "shenzhen", Edit("", {}), "name"},
      {"empty alias", "city", "shenzhen", Edit("Shenzhen", {"深圳", ""}), "aliases[1]"},
      {"invalid UTF-8 name", "city", "shenzhen", Edit("Shen\xff", {}), "name"},
      {"invalid UTF-8 alias", "city", "shenzhen", Edit("Shenzhen", {"\xc3("}), "aliases[0]"},
      // An alias already another value's (once folded: case and accents).
      {"alias claimed twice", "city", "shenzhen", Edit("Shenzhen", {"PEKIN"}),
       "facets.city.values[2].aliases[0]"},
      {"name claimed twice", "city", "shenzhen", Edit("hangzhou", {}),
       "facets.city.values[2].name"},
  };
  for (const BadPut& c : cases) {
    CAPTURE(c.what);
    TaxonomyDocument doc = Load();
    std::string before = doc.Serialize();
    Status st = doc.Put(c.facet, c.id, c.edit);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK(st.field() == c.field);
    CHECK(doc.Serialize() == before);
    CHECK(doc.taxonomy().facet("city")->values.size() == 2);
  }
}

TEST_CASE("a put body is parsed strictly") {
  using J = nlohmann::json;
  CHECK(ParseValueEdit(J::parse(R"({"name": "A", "aliases": ["b"], "exact": true})")).ok());
  CHECK(ParseValueEdit(J::parse(R"({"aliases": []})")).status().field() == "name");
  CHECK(ParseValueEdit(J::parse(R"({"name": 3})")).status().field() == "name");
  CHECK(ParseValueEdit(J::parse(R"({"name": "A", "aliases": "b"})")).status().field() == "aliases");
  CHECK(ParseValueEdit(J::parse(R"({"name": "A", "aliases": ["b", 2]})")).status().field() ==
        "aliases[1]");
  CHECK(ParseValueEdit(J::parse(R"({"name": "A", "exact": "yes"})")).status().field() == "exact");
  CHECK(ParseValueEdit(J::parse(R"({"name": "A", "alias": []})")).status().field() == "alias");
  CHECK(ParseValueEdit(J::parse("[]")).status().code() == Code::kInvalidArgument);
}

TEST_CASE("the version follows the file's bytes") {
  auto a = TaxonomyDocument::Parse(kFile, "t.json");
  auto b = TaxonomyDocument::Parse(std::string(kFile) + "\n", "t.json");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->version().size() == 16);
  CHECK(a->version() != b->version());
  CHECK(a->version() == TaxonomyVersion(kFile));
}

TEST_CASE("an atomic write replaces the file and keeps the previous one as .bak") {
  testing::TempDir dir;
  std::string path = dir / "taxonomy.json";
  testing::WriteFile(path, kFile);
  TaxonomyDocument doc = Load();
  REQUIRE(doc.Put("city", "shenzhen", Edit("Shenzhen", {"深圳"})).ok());
  REQUIRE(WriteFileAtomically(path, doc.Serialize()).ok());
  CHECK(testing::ReadFile(path) == doc.Serialize());
  CHECK(testing::ReadFile(path + ".bak") == kFile);
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) ++files, (void)e;
  CHECK(files == 2);
  // The written file loads back to the same taxonomy.
  auto again = TaxonomyDocument::Load(path);
  REQUIRE(again.ok());
  CHECK(again->taxonomy().fingerprint() == doc.taxonomy().fingerprint());
  CHECK(again->version() == TaxonomyVersion(doc.Serialize()));
}

TEST_CASE("a write that cannot complete leaves the file as it was") {
  if (::geteuid() == 0) {
    // root writes into a read-only folder regardless: use a missing folder.
    testing::TempDir dir;
    CHECK_FALSE(WriteFileAtomically(dir / "gone/taxonomy.json", "{}").ok());
    return;
  }
  testing::TempDir dir;
  std::string path = dir / "taxonomy.json";
  testing::WriteFile(path, kFile);
  REQUIRE(::chmod(dir.path().c_str(), 0555) == 0);
  Status st = WriteFileAtomically(path, "{}\n");
  ::chmod(dir.path().c_str(), 0755);
  CHECK_FALSE(st.ok());
  CHECK(testing::ReadFile(path) == kFile);
}

}  // namespace
}  // namespace longjing
