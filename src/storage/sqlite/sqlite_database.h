#pragma once
// SQLite driver: WAL journal, synchronous=FULL (a commit is fsync'd before it is acknowledged),
// foreign keys on. One writer connection behind a mutex (SQLite has one writer anyway, and
// BEGIN IMMEDIATE avoids deadlocking lock upgrades); a pool of reader connections that see
// consistent snapshots while the writer works.
#include <memory>
#include <string>

#include "core/result.h"
#include "storage/sql/sql_database.h"

namespace attune {

Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path, int readers);

}  // namespace attune
