// What an indexing pass did, for the command line, the log and POST /api/reindex.
#include <cstdio>

#include "longjing/indexer.h"

namespace longjing {

nlohmann::json IndexSummary::ToJson() const {
  return {{"files_seen", files_seen},
          {"added", added},
          {"updated", updated},
          {"unchanged", unchanged},
          {"deleted", deleted},
          {"kept", kept},
          {"warnings", warnings},
          {"retag_examined", retag_examined},
          {"retagged", retagged},
          {"retag_seconds", retag_seconds},
          {"documents", documents},
          {"revision", revision},
          {"seconds", seconds},
          {"full", full},
          {"grouped", grouped},
          {"dedup_seconds", dedup_seconds},
          {"documents_seconds", documents_seconds},
          {"spelling_seconds", spelling_seconds},
          {"merge_seconds", merge_seconds}};
}

// "; documents 210.3 s, spelling 9.1 s, merge 31.0 s" for a full build.
std::string IndexSummary::Phases() const {
  if (!full) return "";
  char out[128];
  std::snprintf(out, sizeof out, "; documents %.2f s, spelling %.2f s, merge %.2f s",
                documents_seconds, spelling_seconds, merge_seconds);
  return out;
}

std::string IndexSummary::ToText() const {
  char buf[64], dedup[96];
  std::snprintf(buf, sizeof buf, "%.2f", seconds);
  std::snprintf(dedup, sizeof dedup, "; %zu in near-duplicate groups (%.2f s)", grouped,
                dedup_seconds);
  std::string retag;
  if (retag_seconds > 0) {
    char t[32];
    std::snprintf(t, sizeof t, "%.2f", retag_seconds);
    retag = "re-tagged " + std::to_string(retagged) + " of " + std::to_string(retag_examined) +
            " articles read in " + t + " s; ";
  }
  return std::string(full ? "full rebuild: " : "") + retag + std::to_string(files_seen) +
         " files; added " + std::to_string(added) + ", updated " + std::to_string(updated) +
         ", unchanged " + std::to_string(unchanged) + ", deleted " + std::to_string(deleted) +
         (kept ? ", kept " + std::to_string(kept) + " from unreadable files" : "") + "; " +
         std::to_string(warnings) + " warning(s); " + std::to_string(documents) +
         " documents at revision " + std::to_string(revision) + " in " + buf + " s" + dedup +
         Phases();
}

}  // namespace longjing
