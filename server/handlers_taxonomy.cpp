// The taxonomy: read it (with its version as ETag), edit one value, preview
// what some aliases would tag. Edits go through TaxonomyEditor.
#include "errors.h"
#include "handlers.h"
#include "json_body.h"
#include "json_encode.h"
#include "longjing/alias_preview.h"
#include "longjing/text.h"

namespace longjing::server {
namespace {

// A value's name and a few hundred aliases fit with room to spare.
constexpr size_t kMaxTaxonomyBodyBytes = 64 * 1024;
constexpr size_t kPreviewExamples = 5;
constexpr size_t kMaxPreviewAliases = 50;

void SetVersion(httplib::Response& res, const std::string& version) {
  res.set_header("ETag", "\"" + version + "\"");
}

// The {facet} and {id} path captures, or an error already written.
bool FacetAndId(const httplib::Request& req, httplib::Response& res, std::string& facet,
                std::string& id) {
  facet = req.matches.size() > 1 ? req.matches[1].str() : "";
  id = req.matches.size() > 2 ? req.matches[2].str() : "";
  for (auto [field, value] : {std::pair<const char*, std::string*>{"facet", &facet}, {"id", &id}}) {
    if (!text::IsValidUtf8(*value)) {
      WriteError(res, ApiError{ApiCode::kInvalidArgument,
                               std::string("invalid UTF-8 in the ") + field, field});
      return false;
    }
  }
  return true;
}

bool BodyFits(const httplib::Request& req, httplib::Response& res) {
  if (req.body.size() <= kMaxTaxonomyBodyBytes) return true;
  WriteError(res,
             ApiError{ApiCode::kPayloadTooLarge,
                      "request body over " + std::to_string(kMaxTaxonomyBodyBytes) + " bytes"});
  return false;
}

std::optional<std::string> IfMatch(const httplib::Request& req) {
  if (!req.has_header("If-Match")) return std::nullopt;
  return req.get_header_value("If-Match");
}

// Every taxonomy answer carries the version, refusals included (a 409 tells
// the client what to reload).
void WriteEdit(const ServerContext& ctx, httplib::Response& res,
               const Result<TaxonomyEditResult>& done) {
  if (!done.ok()) {
    SetVersion(res, ctx.taxonomy_editor->version());
    return WriteError(res, done.status());
  }
  SetVersion(res, done->version);
  WriteJson(res, {{"version", done->version}, {"retag", done->retag.ToJson()}});
}

}  // namespace

void GetTaxonomy(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string version = ctx.taxonomy_editor->version();
  std::shared_ptr<const Taxonomy> taxonomy = ctx.taxonomy();
  nlohmann::json body = EncodeTaxonomy(*taxonomy);
  if (req.get_param_value("aliases") == "1") {
    for (auto& facet : body["facets"])
      for (auto& value : facet["values"])
        if (const TaxonomyValue* v =
                taxonomy->value(facet["name"].get<std::string>(), value["id"].get<std::string>()))
          value["aliases"] = v->aliases;
  }
  body["version"] = version;
  SetVersion(res, version);
  WriteJson(res, body);
}

void PutTaxonomyValue(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string facet, id;
  if (!FacetAndId(req, res, facet, id) || !BodyFits(req, res)) return;
  Result<nlohmann::json> body = ParseJsonBody(req.body);
  if (!body.ok()) return WriteError(res, body.status());
  Result<TaxonomyValueEdit> edit = ParseValueEdit(*body);
  if (!edit.ok()) return WriteError(res, edit.status());
  WriteEdit(ctx, res, ctx.taxonomy_editor->Put(facet, id, *edit, IfMatch(req)));
}

void DeleteTaxonomyValue(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string facet, id;
  if (!FacetAndId(req, res, facet, id)) return;
  WriteEdit(ctx, res, ctx.taxonomy_editor->Delete(facet, id, IfMatch(req)));
}

void PostTaxonomyPreview(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!BodyFits(req, res)) return;
  Result<nlohmann::json> body = ParseJsonBody(req.body);
  if (!body.ok()) return WriteError(res, body.status());
  const nlohmann::json& b = *body;
  if (!b.is_object() || !b.contains("facet") || !b["facet"].is_string())
    return WriteError(res, Status::InvalidField("facet", "facet must be a string"));
  if (!b.contains("aliases") || !b["aliases"].is_array() || b["aliases"].empty() ||
      b["aliases"].size() > kMaxPreviewAliases)
    return WriteError(
        res, Status::InvalidField("aliases", "aliases must be an array of 1 to " +
                                                 std::to_string(kMaxPreviewAliases) + " strings"));
  std::vector<std::string> aliases;
  for (size_t i = 0; i < b["aliases"].size(); ++i) {
    const auto& a = b["aliases"][i];
    std::string field = "aliases[" + std::to_string(i) + "]";
    if (!a.is_string())
      return WriteError(res, Status::InvalidField(field, field + " must be a string"));
    aliases.emplace_back(text::Trim(a.get_ref<const std::string&>()));
  }
  std::shared_ptr<const Taxonomy> taxonomy = ctx.taxonomy();
  Result<AliasPreview> preview = PreviewAliases(
      ctx.config.index_dir, *taxonomy, b["facet"].get<std::string>(), aliases, kPreviewExamples);
  SetVersion(res, ctx.taxonomy_editor->version());
  if (!preview.ok()) return WriteError(res, preview.status());
  nlohmann::json examples = nlohmann::json::array();
  for (const AliasExample& e : preview->examples)
    examples.push_back({{"id", e.id}, {"title", e.title}, {"snippet", e.snippet}});
  WriteJson(res, {{"articles", preview->articles},
                  {"exact", preview->exact},
                  {"candidates", preview->candidates},
                  {"examined", preview->examined},
                  {"examples", std::move(examples)}});
}

}  // namespace longjing::server
