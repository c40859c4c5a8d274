#include "services/xapi/strict_json.h"

#include <vector>

#include "services/xapi/statement_validator.h"

namespace attune::xapi {
namespace {

using nlohmann::json;

// Builds the document from nlohmann's SAX events, the way its own DOM parser does, with two
// refusals added where they cost nothing: a key that is already in its object (the map's
// emplace says so), and a container opened deeper than kMaxStatementDepth. Its callback
// parser could do both, but it copies every key into a json value and every event through a
// std::function, which made parsing a third slower on the ingest path.
class StrictDomBuilder {
 public:
  explicit StrictDomBuilder(json& root) : root_(root) {}

  const std::string& error() const { return error_; }

  bool null() { return Put(nullptr) != nullptr; }
  bool boolean(bool v) { return Put(v) != nullptr; }
  bool number_integer(json::number_integer_t v) { return Put(v) != nullptr; }
  bool number_unsigned(json::number_unsigned_t v) { return Put(v) != nullptr; }
  bool number_float(json::number_float_t v, const json::string_t&) { return Put(v) != nullptr; }
  bool string(json::string_t& v) { return Put(std::move(v)) != nullptr; }
  bool binary(json::binary_t& v) { return Put(json::binary(std::move(v))) != nullptr; }

  bool start_object(std::size_t) { return Open(json::value_t::object); }
  bool start_array(std::size_t) { return Open(json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(json::string_t& k) {
    // try_emplace leaves `k` alone when the key is there, for the message.
    auto [it, inserted] = open_.back()->get_ref<json::object_t&>().try_emplace(std::move(k));
    if (!inserted) return Refuse("the key \"" + k + "\" appears twice in one object");
    slot_ = &it->second;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    return Refuse(std::string("the body is not valid JSON: ") + e.what());
  }

 private:
  // Places a value where the document is at: the root, the next element of the open array, or
  // the value of the key just read. Returns where it went.
  template <typename V>
  json* Put(V&& value) {
    if (open_.empty()) {
      root_ = json(std::forward<V>(value));
      return &root_;
    }
    json& container = *open_.back();
    if (container.is_array()) {
      auto& array = container.get_ref<json::array_t&>();
      array.emplace_back(std::forward<V>(value));
      return &array.back();
    }
    *slot_ = json(std::forward<V>(value));
    return slot_;
  }

  bool Open(json::value_t type) {
    if (open_.size() >= static_cast<size_t>(kMaxStatementDepth)) {
      return Refuse("the JSON is nested deeper than " + std::to_string(kMaxStatementDepth) +
                    " levels");
    }
    open_.push_back(Put(type));
    return true;
  }

  bool Close() {
    open_.pop_back();
    return true;
  }

  bool Refuse(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  json& root_;
  std::vector<json*> open_;  // the containers being filled, innermost last
  json* slot_ = nullptr;     // the value of the key just read
  std::string error_;
};

}  // namespace

Result<json> ParseStrictJson(std::string_view text) {
  json root;
  StrictDomBuilder builder(root);
  if (!json::sax_parse(text, &builder) || !builder.error().empty()) {
    return Error(ErrorCode::kInvalidArgument,
                 builder.error().empty() ? "the body is not valid JSON" : builder.error());
  }
  return root;
}

}  // namespace attune::xapi
