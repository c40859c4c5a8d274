#pragma once
// PostgreSQL driver over libpq: a pool of connections, statements prepared once per connection,
// `?` placeholders rewritten to $n. A broken connection is reset and the error reported as
// kUnavailable (the caller's transaction did not commit).
#include <memory>
#include <string>

#include "core/result.h"
#include "storage/sql/sql_database.h"

namespace attune {

Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& url, int pool_size);

// "a = ? AND b = ?" -> "a = $1 AND b = $2" (placeholders inside quoted literals are left alone).
std::string RewritePlaceholders(std::string_view sql);

}  // namespace attune
