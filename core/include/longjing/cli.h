// The command lines of longjing-index and longjing-serve: one flag parser,
// one way from file, environment and flags to a Config, one table of exit
// codes. Each program adds only its own switches (--full, --quiet) and text.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "longjing/config.h"
#include "longjing/status.h"

namespace longjing::cli {

// Exit codes of both programs (docs/configuration.md, and each --help).
inline constexpr int kExitOk = 0;      // done (or --help, --version)
inline constexpr int kExitFailed = 1;  // anything else: I/O error, damaged index, cannot bind
inline constexpr int kExitUsage =
    2;  // bad flag, bad or missing config/taxonomy file, a missing folder
inline constexpr int kExitLocked = 3;  // another process holds the index's writer lock

// kLocked -> 3; kInvalidArgument, kParseError and kNotFound (what the
// configuration names does not exist) -> 2; anything else -> 1.
int ExitCodeFor(const Status& status);

struct CommandLine {
  Config config;  // the config file, then LONGJING_* variables, then flags
  bool help = false, version = false;
  std::set<std::string> switches;              // the program's own switches that were given
  std::map<std::string, std::string> options;  // the program's own valued options given (last wins)
};

// Flags, each as `--name VALUE` or `--name=VALUE`: every config key with
// '_' spelled '-' (--corpus, --max-file-bytes...), --shard DB (repeatable,
// adds to shards), --watch/--no-watch, and --config F (read instead of
// config/longjing.yaml, and then required). --help/-h and --version take no
// value, nor do the program's own `switches` (e.g. "--full", "-q"); the
// program's own `options` (e.g. "--facet") take one, left to the program to check.
// InvalidArgument naming the flag (unknown flag, missing value, bad value,
// stray argument); the config file's and the environment's errors as
// LoadConfig and ApplyEnvironment give them. Nothing is read for --help or
// --version.
Result<CommandLine> ParseCommandLine(int argc, const char* const* argv,
                                     const std::vector<std::string>& switches = {},
                                     const std::vector<std::string>& options = {});

// Hands Xapian the settings it reads from the environment:
// XAPIAN_MAX_CHANGESETS from config.replication_changesets (when not 0), so
// every database the process writes keeps that many changesets for
// xapian-replicate. Call before opening a database and before threads start.
void ExportXapianSettings(const Config& config);

// The lines of a --help text for the config flags: flag, environment
// variable and default, one key a line.
std::string ConfigFlagsHelp();

}  // namespace longjing::cli
