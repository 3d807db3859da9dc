#include "index/commit_gate.h"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

namespace longjing::index {

std::shared_mutex& CommitGate(const std::string& index_dir) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<std::shared_mutex>> gates;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(index_dir, ec).string();
  if (ec || key.empty()) key = index_dir;
  std::lock_guard lock(mu);
  auto& gate = gates[key];
  if (!gate) gate = std::make_unique<std::shared_mutex>();
  return *gate;
}

}  // namespace longjing::index
