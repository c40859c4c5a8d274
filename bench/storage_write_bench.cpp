// Acknowledged writes per second: each write is its own transaction whose commit is durable
// before it returns (SQLite WAL + synchronous=FULL; PostgreSQL synchronous_commit=on).
// Usage: storage_write_bench <sqlite-path-or-postgresql-url> [seconds=10] [threads=1,4]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/random.h"
#include "storage/api/store.h"

using namespace attune;

namespace {

struct Run {
  double writes_per_s;
  double p99_ms;
};

Run Measure(Store& store, const std::string& org_id, int threads, double seconds) {
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(threads);
  std::vector<std::thread> workers;
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      SystemClock clock;
      SecureRandom random;
      while (!stop) {
        Person p;
        p.id = NewUuidV7(clock, random);
        p.org_id = org_id;
        p.employee_id = p.id.substr(0, 8) + p.id.substr(24);
        p.name = "Bench Person";
        p.email = p.id + "@bench.test";
        p.locale = "en-GB";
        p.roles = {"learner"};
        p.created_at = p.updated_at = clock.NowMillis();
        auto t0 = std::chrono::steady_clock::now();
        Status s = store.Write([&](StoreTx& tx) { return tx.people().Insert(p); });
        auto t1 = std::chrono::steady_clock::now();
        if (!s.ok()) {
          std::fprintf(stderr, "write failed: %s\n", s.error().message.c_str());
          std::exit(1);
        }
        latencies[t].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  double p99 = all.empty() ? 0 : all[static_cast<size_t>(0.99 * (all.size() - 1))];
  return {static_cast<double>(all.size()) / elapsed, p99};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <sqlite-path|postgresql-url> [seconds] [label]\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const double seconds = argc > 2 ? std::stod(argv[2]) : 10;
  const std::string label = argc > 3 ? argv[3] : "db";
  auto store = OpenStore(url, 8, true);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  SystemClock clock;
  SecureRandom random;
  const std::string org_id = NewUuidV7(clock, random);
  Status s = (*store)->Write([&](StoreTx& tx) {
    return tx.organisations().Insert(
        {org_id, "bench-" + org_id.substr(0, 8), "Bench", "global", false, clock.NowMillis()});
  });
  if (!s.ok()) return 1;
  for (int threads : {1, 4}) {
    Run r = Measure(**store, org_id, threads, seconds);
    std::printf("%s_durable_writes_per_s_threads%d=%.0f %s_write_p99_ms_threads%d=%.2f\n",
                label.c_str(), threads, r.writes_per_s, label.c_str(), threads, r.p99_ms);
    std::fflush(stdout);
  }
  return 0;
}
