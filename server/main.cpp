// longjing-serve: flags -> Config -> App. Everything else lives in app.cpp.
#include <malloc.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "app.h"
#include "longjing/cli.h"
#include "longjing/config.h"

namespace {

using longjing::cli::kExitFailed;
using longjing::cli::kExitOk;
using longjing::cli::kExitUsage;

constexpr const char* kUsage = R"(Usage: longjing-serve [options]

Serves the Longjing search API and web page over HTTP, keeping the index in
step with the corpus folder (watched with inotify) unless --no-watch.

Options (each flag as --flag VALUE or --flag=VALUE):
  --config F      YAML config file (default config/longjing.yaml, optional;
                  required when given)
  --no-watch      read-only: never write the index, no writer lock; picks up
                  changes committed by a separate longjing-index run
  --shard DB      also search this Xapian database: a path, or tcp://HOST:PORT
                  for a shard served by xapian-tcpsrv (repeatable)
  --help, -h      this text
  --version       the version

LONGJING_METRICS_TOKEN, when set, is required as a bearer token by GET /metrics.

Settings (file < environment < flag; docs/configuration.md):
)";

constexpr const char* kTail = R"(
Write endpoints need LONGJING_ADMIN_TOKEN set (Authorization: Bearer <token>);
it is read from the environment only.

Exit codes (the same for longjing-index):
  0  stopped by SIGINT/SIGTERM, or --help/--version
  1  anything else: cannot bind, index unreadable...
  2  usage error: a bad flag or value, a missing or malformed config or taxonomy
     file, or a missing corpus folder
  3  the index is locked by another writer (run with --no-watch to serve read-only)
)";

}  // namespace

int main(int argc, char** argv) {
  // Every new index revision replaces the facet bitmaps (megabytes); with
  // glibc's moving mmap threshold those blocks came to live in the thread
  // arenas, which grew by fragments under a news stream (143 -> 386 MB in
  // five minutes at 100k articles). A fixed threshold gives big blocks
  // back to the system when a revision's bitmaps are dropped.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  spdlog::set_default_logger(spdlog::stderr_color_mt("longjing"));
  auto line = longjing::cli::ParseCommandLine(argc, argv);
  if (!line.ok()) {
    std::cerr << "longjing-serve: " << line.status().message() << "\n(try --help)\n";
    return kExitUsage;
  }
  if (line->help) return std::cout << kUsage << longjing::cli::ConfigFlagsHelp() << kTail, kExitOk;
  if (line->version) return std::cout << "longjing-serve " << LONGJING_VERSION << "\n", kExitOk;
  longjing::Config config = std::move(line->config);
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  longjing::cli::ExportXapianSettings(config);

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
    return longjing::cli::ExitCodeFor(app.status());
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
  return ok ? kExitOk : kExitFailed;
}
