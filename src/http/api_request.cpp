#include <httplib.h>

#include "http/api_types.h"

namespace attune {

std::string ApiRequest::Query(const std::string& name) const { return raw.get_param_value(name); }
bool ApiRequest::HasQuery(const std::string& name) const { return raw.has_param(name); }
std::string ApiRequest::Header(const std::string& name) const { return raw.get_header_value(name); }

const std::string& ApiRequest::Body() const { return raw.body; }

}  // namespace attune
