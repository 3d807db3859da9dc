// Editing the taxonomy file (config/taxonomy.json) one value at a time, as
// PUT/DELETE /api/taxonomy/{facet}/{id} do. The file stays the source of
// truth: an edit starts from its current bytes, changes one value's object
// and nothing else (keys this code does not know, such as "exact" or
// "_comment", keep their place and content), is validated as a whole by
// Taxonomy::Parse, and is written back atomically with a backup.
//
// Thread-safety: a TaxonomyDocument is a value; callers serialise edits of
// one file themselves (the server holds one mutex around load-edit-write).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "longjing/status.h"
#include "longjing/taxonomy.h"

namespace longjing {

// What a PUT may set on a value. Fields left unset keep the value's
// current content (a new value gets none of them).
struct TaxonomyValueEdit {
  std::string name;
  std::vector<std::string> aliases;
  std::optional<bool> exact;  // written as "exact" when given
};

// Parses a PUT body {"name": "...", "aliases": ["..."], "exact": bool}.
// "name" is required, "aliases" defaults to [], unknown keys are refused.
// Errors are kInvalidArgument with the field named (Status::field()):
// "name", "aliases", "aliases[2]", "exact".
Result<TaxonomyValueEdit> ParseValueEdit(const nlohmann::json& body);

class TaxonomyDocument {
 public:
  // Reads the file. Errors: kIoError when unreadable, kParseError when it
  // is not a valid taxonomy (Taxonomy::Parse's message).
  static Result<TaxonomyDocument> Load(const std::string& path);
  static Result<TaxonomyDocument> Parse(std::string_view text, const std::string& origin);

  // Creates the value (appended to the facet's list) or replaces its name,
  // aliases and, when given, exact flag; the value's other keys are kept.
  // Errors (kInvalidArgument, field named): "facet" unknown, "id" not a
  // slug, "name" empty, "aliases[i]" empty or not UTF-8; and whatever
  // Taxonomy::Parse refuses in the result (an alias claimed by two values
  // names that alias's JSON path). On error the document is unchanged.
  Status Put(const std::string& facet, const std::string& id, const TaxonomyValueEdit& edit);
  // Removes the value. Errors: kInvalidArgument for an unknown facet,
  // kNotFound for an unknown id.
  Status Delete(const std::string& facet, const std::string& id);

  // The validated taxonomy of the current content.
  const Taxonomy& taxonomy() const { return taxonomy_; }
  // The file's bytes as they will be written: two-space indented JSON with
  // a final newline.
  std::string Serialize() const;
  // Version of the content the document was loaded from (before any edit):
  // text::HashHex of the file's bytes. The server's ETag.
  const std::string& version() const { return version_; }

 private:
  Status Revalidate(nlohmann::ordered_json candidate);

  nlohmann::ordered_json root_;
  Taxonomy taxonomy_;
  std::string origin_;
  std::string version_;
};

// Version (as TaxonomyDocument::version) of these bytes.
std::string TaxonomyVersion(std::string_view file_bytes);

// Replaces `path` with `content` so that a reader (or a crash) sees either
// the old file or the new one, never a mix: the content goes to a temporary
// file in the same folder, is fsynced, and renamed over `path`; the folder is
// then fsynced. The previous content is kept first as `path`.bak (written
// the same way), so one edit can always be undone by hand. Errors carry the
// system's cause (ErrnoStatus); on error `path` is unchanged.
Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace longjing
