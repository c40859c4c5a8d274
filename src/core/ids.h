#pragma once
// Identifiers: UUID version 7 (time-ordered, so B-tree inserts stay local; RFC 9562).
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/random.h"

namespace attune {

std::string NewUuidV7(const Clock& clock, Random& random);
// Accepts the canonical 8-4-4-4-12 hex form (any version, either case).
bool IsUuid(std::string_view s);

}  // namespace attune
