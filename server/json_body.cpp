#include "json_body.h"

#include "longjing/text.h"

namespace longjing::server {
namespace {

using nlohmann::json;

// nlohmann's DOM builder with a depth gate: returning false from a SAX event
// stops the parse at once, so no value deeper than the limit is ever built.
class DepthLimitedSax : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  DepthLimitedSax(json& out, int max_depth)
      : json_sax_dom_parser(out, /*allow_exceptions=*/false), max_depth_(max_depth) {}

  bool start_object(std::size_t n) { return Enter() && json_sax_dom_parser::start_object(n); }
  bool start_array(std::size_t n) { return Enter() && json_sax_dom_parser::start_array(n); }
  bool end_object() { return --depth_, json_sax_dom_parser::end_object(); }
  bool end_array() { return --depth_, json_sax_dom_parser::end_array(); }
  bool key(json::string_t& k) {
    if (depth_ == 1) top_key_ = k;
    return json_sax_dom_parser::key(k);
  }

  bool too_deep() const { return too_deep_; }
  const std::string& top_key() const { return top_key_; }

 private:
  bool Enter() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }

  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
  std::string top_key_;
};

}  // namespace

Result<json> ParseJsonBody(std::string_view body, int max_depth) {
  json out;
  DepthLimitedSax sax(out, max_depth);
  bool ok = json::sax_parse(body, &sax, json::input_format_t::json, /*strict=*/true);
  if (sax.too_deep()) {
    std::string where =
        sax.top_key().empty() ? "the request body" : "field '" + text::Excerpt(sax.top_key()) + "'";
    return Status::InvalidArgument(where + " is nested deeper than " + std::to_string(max_depth) +
                                   " levels");
  }
  if (!ok || sax.is_errored())
    return Status::InvalidArgument("the request body is not valid JSON (UTF-8)");
  return out;
}

std::string DescribeJsonValue(const json& value) {
  switch (value.type()) {
    case json::value_t::string:
      return json(text::Excerpt(value.get_ref<const std::string&>()))
          .dump(-1, ' ', false, json::error_handler_t::replace);
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
    case json::value_t::boolean:
    case json::value_t::null:
      return value.dump();
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a " + std::string(value.type_name());
  }
}

}  // namespace longjing::server
