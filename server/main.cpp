// longjing-serve: flags -> Config -> App. Everything else lives in app.cpp.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "app.h"
#include "longjing/config.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitOther = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLocked = 3;

constexpr const char* kUsage = R"(Usage: longjing-serve [options]

Serves the Longjing search API and web page over HTTP, keeping the index in
step with the corpus folder (watched with inotify) unless --no-watch.

Options (each also settable in the config file or as LONGJING_<KEY>):
  --config F      YAML config file (default config/longjing.yaml, optional)
  --index DIR     index directory (default data/index)
  --corpus DIR    corpus folder (default corpus)
  --taxonomy F    taxonomy file (default config/taxonomy.json)
  --web DIR       web page directory (default web)
  --bind ADDR     address to listen on (default 127.0.0.1)
  --port N        port (default 8080; 0 picks a free one)
  --threads N     HTTP worker threads (default 0: max(8, 4 x cores))
  --shard DB      also search this Xapian database: a path, or tcp://HOST:PORT
                  for a shard served by xapian-tcpsrv (repeatable)
  --cors-origin O let pages from origin O (e.g. https://news.example) call the
                  API from a browser (repeatable; default: no CORS)
  --no-watch      read-only: never write the index, no writer lock; picks up
                  changes committed by a separate longjing-index run
  --help          this text
  --version       the version

Write endpoints need LONGJING_ADMIN_TOKEN set (Authorization: Bearer <token>).
LONGJING_METRICS_TOKEN, when set, is required the same way by GET /metrics.

Exit status: 0 ok (stopped by SIGINT/SIGTERM), 2 usage or config error,
3 index locked by another writer, 1 other error.
)";

struct Flags {
  std::string config_file = "config/longjing.yaml";
  bool config_given = false;
  bool help = false, version = false;
};

bool ParseInt(const std::string& s, int& out) {
  try {
    size_t used = 0;
    out = std::stoi(s, &used);
    return used == s.size();
  } catch (...) {
    return false;
  }
}

// Applies one flag; returns an error message or "".
std::string ApplyFlag(const std::string& name, const std::string* value, Flags& flags,
                      longjing::Config& c) {
  if (name == "--help") return flags.help = true, "";
  if (name == "--version") return flags.version = true, "";
  if (name == "--no-watch") return c.watch = false, "";
  if (!value)
    return name.starts_with("--") ? "missing value for " + name : "unexpected argument " + name;
  if (name == "--config")
    flags.config_file = *value, flags.config_given = true;
  else if (name == "--index")
    c.index_dir = *value;
  else if (name == "--corpus")
    c.corpus_dir = *value;
  else if (name == "--taxonomy")
    c.taxonomy_file = *value;
  else if (name == "--web")
    c.web_dir = *value;
  else if (name == "--shard")
    c.shards.push_back(*value);
  else if (name == "--cors-origin")
    c.cors_origins.push_back(*value);
  else if (name == "--bind")
    c.bind = *value;
  else if (name == "--port") {
    if (!ParseInt(*value, c.port) || c.port < 0 || c.port > 65535) return "--port must be 0..65535";
  } else if (name == "--threads") {
    if (!ParseInt(*value, c.threads) || c.threads < 0) return "--threads must be >= 0";
  } else {
    return "unknown option " + name;
  }
  return "";
}

// Two passes: --config must be known before the file is read, and the
// other flags must override it (file < environment < flags).
std::string ParseArgs(int argc, char** argv, Flags& flags, longjing::Config& config) {
  for (int pass = 0; pass < 2; ++pass) {
    longjing::Config scratch;
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i], value;
      bool has_value = false;
      if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
        value = arg.substr(eq + 1), arg = arg.substr(0, eq), has_value = true;
      } else if (arg != "--help" && arg != "--version" && arg != "--no-watch" && i + 1 < argc) {
        value = argv[++i], has_value = true;
      }
      std::string err =
          ApplyFlag(arg, has_value ? &value : nullptr, flags, pass == 0 ? scratch : config);
      if (!err.empty()) return err;
    }
    if (pass == 0) {
      if (flags.help || flags.version) return "";
      auto loaded = longjing::LoadConfig(flags.config_file, flags.config_given);
      if (!loaded.ok()) return loaded.status().message();
      config = std::move(loaded).value();
      if (auto s = longjing::ApplyEnvironment(config); !s.ok()) return s.message();
    }
  }
  return "";
}

int ExitCode(const longjing::Status& status) {
  switch (status.code()) {
    case longjing::Code::kLocked:
      return kExitLocked;
    case longjing::Code::kParseError:
    case longjing::Code::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitOther;
  }
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("longjing"));
  Flags flags;
  longjing::Config config;
  if (std::string err = ParseArgs(argc, argv, flags, config); !err.empty()) {
    std::cerr << "longjing-serve: " << err << "\n(try --help)\n";
    return kExitUsage;
  }
  if (flags.help) return std::cout << kUsage, kExitOk;
  if (flags.version) return std::cout << "longjing-serve " << LONGJING_VERSION << "\n", kExitOk;
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  // Signals are taken by one thread with sigwait, so every other thread
  // (started below) inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  // A file-size limit (ulimit -f) then fails the write with EFBIG, handled
  // like a full disk, instead of killing the server.
  signal(SIGXFSZ, SIG_IGN);

  auto app = longjing::server::App::Open(config);
  if (!app.ok()) {
    std::cerr << "longjing-serve: " << app.status().message() << "\n";
    return ExitCode(app.status());
  }
  std::thread([&signals, server = app->get()] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {}: shutting down", sig);
    server->Stop();
  }).detach();
  std::printf("Longjing serving %llu articles at %s\n",
              static_cast<unsigned long long>((*app)->documents()), (*app)->url().c_str());
  std::fflush(stdout);
  bool ok = (*app)->Run();
  (*app)->Stop();
  return ok ? kExitOk : kExitOther;
}
