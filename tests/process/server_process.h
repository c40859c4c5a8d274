#pragma once
// Runs the real `attune` binary as a child process, for tests that kill or signal it.
#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace attune::testing {

class ServerProcess {
 public:
  // Starts `attune serve` with the flags and waits until /healthz answers.
  ServerProcess(const std::string& db, int port, const std::vector<std::string>& extra_args = {},
                const std::vector<std::string>& env = {});
  ~ServerProcess();
  void Signal(int sig);
  // Waits for exit; returns the exit status (or 128 + signal), -1 on timeout.
  int Wait(int timeout_ms);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

int FreePort();

}  // namespace attune::testing
