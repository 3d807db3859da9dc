#include "longjing/taxonomy_edit.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "longjing/text.h"

namespace longjing {
namespace {

using OJson = nlohmann::ordered_json;

bool IsSlug(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

Result<std::string> ReadAll(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return ErrnoStatus(errno, "cannot open taxonomy file " + path);
  std::string content;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) content.append(buffer, n);
  int error = std::ferror(file) ? errno : 0;
  std::fclose(file);
  if (error) return ErrnoStatus(error, "cannot read taxonomy file " + path);
  return content;
}

// Taxonomy::Parse says "<origin>: <json path>: <what>"; the path is the
// field a client got wrong.
Status AsFieldError(const Status& parse, const std::string& origin) {
  std::string message = parse.message();
  if (message.rfind(origin + ": ", 0) == 0) message = message.substr(origin.size() + 2);
  size_t colon = message.find(": ");
  std::string field = colon == std::string::npos ? "" : message.substr(0, colon);
  return Status::InvalidField(field, message);
}

Status WriteFully(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoStatus(errno, "cannot write");
    content.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// temp + fsync + rename over `path`.
Status ReplaceFile(const std::string& path, std::string_view content) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "cannot create " + temp);
  Status st = WriteFully(fd, content);
  if (st.ok() && ::fsync(fd) != 0) st = ErrnoStatus(errno, "cannot sync " + temp);
  if (::close(fd) != 0 && st.ok()) st = ErrnoStatus(errno, "cannot close " + temp);
  if (st.ok() && ::rename(temp.c_str(), path.c_str()) != 0)
    st = ErrnoStatus(errno, "cannot rename " + temp + " to " + path);
  if (!st.ok()) {
    ::unlink(temp.c_str());
    return st;
  }
  return Status::Ok();
}

Status SyncFolderOf(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "cannot open " + dir);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : ErrnoStatus(err, "cannot sync " + dir);
}

}  // namespace

std::string TaxonomyVersion(std::string_view file_bytes) { return text::HashHex(file_bytes); }

Result<TaxonomyValueEdit> ParseValueEdit(const nlohmann::json& body) {
  if (!body.is_object()) return Status::InvalidField("body", "the body must be a JSON object");
  TaxonomyValueEdit edit;
  for (const auto& [key, value] : body.items()) {
    if (key != "name" && key != "aliases" && key != "exact")
      return Status::InvalidField(
          key, "unknown field \"" + text::Excerpt(key) + "\" (expected name, aliases, exact)");
  }
  auto name = body.find("name");
  if (name == body.end() || !name->is_string())
    return Status::InvalidField("name", "name must be a string");
  edit.name = std::string(text::Trim(name->get_ref<const std::string&>()));
  if (auto aliases = body.find("aliases"); aliases != body.end()) {
    if (!aliases->is_array())
      return Status::InvalidField("aliases", "aliases must be an array of strings");
    for (size_t i = 0; i < aliases->size(); ++i) {
      const auto& a = (*aliases)[i];
      std::string field = "aliases[" + std::to_string(i) + "]";
      if (!a.is_string()) return Status::InvalidField(field, field + " must be a string");
      edit.aliases.emplace_back(text::Trim(a.get_ref<const std::string&>()));
    }
  }
  if (auto exact = body.find("exact"); exact != body.end()) {
    if (!exact->is_boolean()) return Status::InvalidField("exact", "exact must be true or false");
    edit.exact = exact->get<bool>();
  }
  return edit;
}

Result<TaxonomyDocument> TaxonomyDocument::Load(const std::string& path) {
  Result<std::string> bytes = ReadAll(path);
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, path);
}

Result<TaxonomyDocument> TaxonomyDocument::Parse(std::string_view text, const std::string& origin) {
  Result<Taxonomy> taxonomy = Taxonomy::Parse(text, origin);
  if (!taxonomy.ok()) return taxonomy.status();
  TaxonomyDocument doc;
  doc.root_ = OJson::parse(text.begin(), text.end());  // valid: Taxonomy::Parse read it
  doc.taxonomy_ = std::move(taxonomy).value();
  doc.origin_ = origin;
  doc.version_ = TaxonomyVersion(text);
  return doc;
}

Status TaxonomyDocument::Revalidate(OJson candidate) {
  Result<Taxonomy> parsed = Taxonomy::Parse(candidate.dump(), origin_);
  if (!parsed.ok()) return AsFieldError(parsed.status(), origin_);
  root_ = std::move(candidate);
  taxonomy_ = std::move(parsed).value();
  return Status::Ok();
}

Status TaxonomyDocument::Put(const std::string& facet, const std::string& id,
                             const TaxonomyValueEdit& edit) {
  if (!text::IsValidUtf8(facet) || !taxonomy_.facet(facet))
    return Status::InvalidField("facet", "unknown facet \"" + text::Excerpt(facet) + "\"");
  if (!IsSlug(id))
    return Status::InvalidField(
        "id", "id \"" + text::Excerpt(id) + "\" must be a lowercase ASCII slug (a-z, 0-9, '-')");
  if (!text::IsValidUtf8(edit.name)) return Status::InvalidField("name", "invalid UTF-8 in name");
  if (edit.name.empty()) return Status::InvalidField("name", "name must not be empty");
  for (size_t i = 0; i < edit.aliases.size(); ++i) {
    std::string field = "aliases[" + std::to_string(i) + "]";
    if (!text::IsValidUtf8(edit.aliases[i]))
      return Status::InvalidField(field, "invalid UTF-8 in " + field);
    if (edit.aliases[i].empty()) return Status::InvalidField(field, field + " must not be empty");
  }
  OJson candidate = root_;
  OJson& values = candidate["facets"][facet]["values"];
  OJson* target = nullptr;
  for (OJson& v : values)
    if (v.value("id", "") == id) target = &v;
  if (!target) {
    values.push_back(OJson{{"id", id}});
    target = &values.back();
  }
  (*target)["name"] = edit.name;
  (*target)["aliases"] = edit.aliases;
  if (edit.exact) (*target)["exact"] = *edit.exact;
  return Revalidate(std::move(candidate));
}

Status TaxonomyDocument::Delete(const std::string& facet, const std::string& id) {
  if (!text::IsValidUtf8(facet) || !taxonomy_.facet(facet))
    return Status::InvalidField("facet", "unknown facet \"" + text::Excerpt(facet) + "\"");
  if (!taxonomy_.value(facet, id))
    return Status::NotFound("no " + facet + " value with id \"" + text::Excerpt(id) + "\"");
  OJson candidate = root_;
  OJson& values = candidate["facets"][facet]["values"];
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].value("id", "") == id) {
      values.erase(i);
      break;
    }
  }
  return Revalidate(std::move(candidate));
}

std::string TaxonomyDocument::Serialize() const {
  // ensure_ascii off: Chinese and accented aliases stay readable in the file.
  return root_.dump(2, ' ', false, OJson::error_handler_t::strict) + "\n";
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    Result<std::string> previous = ReadAll(path);
    if (!previous.ok()) return previous.status();
    if (Status st = ReplaceFile(path + ".bak", *previous); !st.ok()) return st;
  }
  if (Status st = ReplaceFile(path, content); !st.ok()) return st;
  return SyncFolderOf(path);
}

}  // namespace longjing
