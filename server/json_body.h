// Every JSON request body goes through ParseJsonBody: nlohmann's parser is
// iterative, but serializing, copying or walking a value recurses once per
// level, so a body nested 100,000 deep would overflow the stack later on.
// Nesting is capped while parsing, before any value is built that deep.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "longjing/status.h"

namespace longjing::server {

// Arrays and objects nested deeper than this are refused (the top-level
// object is level 1).
inline constexpr int kMaxJsonDepth = 32;

// Parses `body` as one JSON value. Errors (kInvalidArgument): "the request
// body is not valid JSON (UTF-8)", or, past `max_depth`, a message naming the
// top-level field where the nesting went too deep.
Result<nlohmann::json> ParseJsonBody(std::string_view body, int max_depth = kMaxJsonDepth);

// A short, safe description of an untrusted value for error messages: a
// string quoted and cut to a few dozen bytes, a number as written, else its
// type ("an array", "an object"). Never serializes a whole value.
std::string DescribeJsonValue(const nlohmann::json& value);

}  // namespace longjing::server
