#pragma once
// The one table from ErrorCode to HTTP status, and the error body every 4xx/5xx carries:
// {"error":{"code":"...","message":"...","request_id":"...","field":"..."}}
#include <string>

#include "core/error.h"

namespace attune {

int HttpStatusFor(ErrorCode code);
std::string ErrorBody(std::string_view code, const std::string& message,
                      const std::string& request_id, const std::string& field = {});

}  // namespace attune
