// Searcher: database handles, reopening and retries. What a search does is in
// search_engine.cpp.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <random>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "index/commit_gate.h"
#include "insights/insights_engine.h"
#include "longjing/index_dir.h"
#include "longjing/insights.h"
#include "longjing/schema.h"
#include "longjing/search.h"
#include "longjing/tagger.h"
#include "search/query_builder.h"
#include "search/search_cache.h"
#include "search/search_engine.h"

namespace longjing {
namespace {

using search::EngineContext;

// A writer committing while a request reads makes the read fail in two
// ways: DatabaseModifiedError (the revision read was superseded twice) and,
// rarely, DatabaseCorruptError (a block read while the writer rewrote it; the
// index itself is sound). Both mean "reopen and run again". A backoff of 1, 2,
// 4 ... kMaxBackoffMs (jittered, so readers do not retry in step) lets the
// writer finish its commit; after kMaxAttempts runs the error is reported.
constexpr int kMaxAttempts = 20;
// After this many lost revisions a request holds the in-process writer's
// commits back (index/commit_gate.h) for its remaining attempts.
constexpr int kGateAfterFailures = 3;
constexpr int kMaxBackoffMs = 32;
// A rebuild may remove a generation between resolving `current` and opening
// it: worth a second look, but a missing index should fail fast.
constexpr int kMaxOpenAttempts = 3;
// Idle handles kept for reuse; more are opened under load and closed after.
constexpr size_t kMaxIdleHandles = 64;
// How long a request waits for another's extension of the facet bitmaps
// (DocSets::Extend, milliseconds at 100k articles) before counting without.
constexpr std::chrono::milliseconds kExtendWait{100};

// One thread's view of the databases. Xapian handles are not thread-safe:
// a Handle is used by one request at a time.
struct Handle {
  std::string path;  // resolved live database; empty: must (re)open
  std::string link;  // the `current` symlink's text when path was resolved
  Xapian::Database local;
  std::vector<Xapian::Database> extras;
  Xapian::Database all;  // local + extras
};

// Sleeps about 2^attempt ms (capped), between half that and all of it.
void Backoff(int attempt) {
  thread_local std::minstd_rand rng(static_cast<unsigned>(
      std::hash<std::thread::id>{}(std::this_thread::get_id()) ^
      static_cast<size_t>(std::chrono::steady_clock::now().time_since_epoch().count())));
  int ceiling_us = std::min(1 << std::min(attempt, 16), kMaxBackoffMs) * 1000;
  std::uniform_int_distribution<int> pick(ceiling_us / 2, ceiling_us);
  std::this_thread::sleep_for(std::chrono::microseconds(pick(rng)));
}

bool IsRemote(const std::string& spec) { return spec.rfind("tcp://", 0) == 0; }

// timeout: seconds a remote shard may take to accept the connection and to
// answer each message.
Xapian::Database OpenExtra(const std::string& spec, double timeout) {
  if (!IsRemote(spec)) return Xapian::Database(spec);
  std::string hostport = spec.substr(6);
  size_t colon = hostport.rfind(':');
  if (colon == std::string::npos || colon + 1 == hostport.size())
    throw Xapian::InvalidArgumentError("expected tcp://host:port, got " + spec);
  unsigned port = static_cast<unsigned>(std::stoul(hostport.substr(colon + 1)));
  auto ms = static_cast<unsigned>(timeout * 1000);
  return Xapian::Remote::open(hostport.substr(0, colon), port, ms, ms);
}

// Xapian names the remote end in the error's context, "remote:tcp(host:port)";
// the API names shards as they were configured, tcp://host:port.
std::string ShardOf(const Xapian::Error& e) {
  std::string context = e.get_context();
  size_t open = context.find("tcp(");
  if (open == std::string::npos || context.back() != ')') return "a remote shard";
  return "shard tcp://" + context.substr(open + 4, context.size() - open - 5);
}

}  // namespace

class Searcher::Impl {
 public:
  Impl(std::string index_dir, std::shared_ptr<const Taxonomy> taxonomy,
       std::vector<std::string> extra, size_t cache_entries, double time_limit,
       double shard_timeout)
      : time_limit_(time_limit),
        shard_timeout_(shard_timeout),
        index_dir_(std::move(index_dir)),
        taxonomy_(std::move(taxonomy)),
        tagger_(*taxonomy_),
        builder_(*taxonomy_, &tagger_),
        extra_(std::move(extra)),
        cache_(cache_entries),
        cache_enabled_(cache_entries > 0) {
    for (const auto& e : extra_) stock_spies_ = stock_spies_ || IsRemote(e);
  }

  // Runs fn(context) on a refreshed handle; re-runs it after a concurrent
  // commit, and turns Xapian errors into a Status.
  template <typename T, typename Fn>
  Result<T> Run(Fn&& fn) const;

 private:
  std::unique_ptr<Handle> Acquire() const;
  void Release(std::unique_ptr<Handle> handle) const;
  Status Refresh(Handle& h) const;
  EngineContext Context(const Handle& h) const;
  // Documents in the databases that are not remote shards.
  Xapian::doccount LocalDocuments(const Handle& h) const;
  std::shared_ptr<const search::DocSets> SetsFor(const Handle& h, const std::string& key) const;
  std::shared_ptr<const search::DocSets> ExtendableSets(const Handle& h, const std::string& uuid,
                                                        Xapian::rev revision) const;
  std::shared_ptr<const search::GroupIndex> GroupsFor(const Handle& h,
                                                      const std::string& key) const;
  Status Fail(Handle& h, Status status) const;

  const double time_limit_;
  const double shard_timeout_;
  const std::string index_dir_;
  const std::shared_ptr<const Taxonomy> taxonomy_;
  const Tagger tagger_;
  const search::QueryBuilder builder_;
  const std::vector<std::string> extra_;
  bool stock_spies_ = false;
  mutable search::SearchCache cache_;
  const bool cache_enabled_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Handle>> idle_;
  // The newest revision's bitmaps; building is true while one request builds
  // them, and the others meanwhile search without.
  mutable std::mutex sets_mu_;
  mutable std::shared_ptr<const search::DocSets> sets_;
  mutable bool building_ = false;
  mutable bool extending_ = false;  // ... and it is DocSets::Extend
  mutable std::condition_variable sets_built_;
  // Where sets_ came from, when that was a single local database: its UUID
  // and revision (the base for DocSets::Extend).
  mutable std::string sets_uuid_;
  mutable Xapian::rev sets_revision_ = 0;
  // The newest revision's near-duplicate groups (cheap: built by whichever
  // request needs them, concurrently if need be).
  mutable std::mutex groups_mu_;
  mutable std::shared_ptr<const search::GroupIndex> groups_;
};

std::shared_ptr<const search::GroupIndex> Searcher::Impl::GroupsFor(const Handle& h,
                                                                    const std::string& key) const {
  {
    std::lock_guard<std::mutex> lock(groups_mu_);
    if (groups_ && groups_->key() == key) return groups_;
  }
  std::shared_ptr<const search::GroupIndex> built = search::GroupIndex::Build(h.all, key);
  std::lock_guard<std::mutex> lock(groups_mu_);
  groups_ = built;
  return built;
}

std::shared_ptr<const search::DocSets> Searcher::Impl::SetsFor(const Handle& h,
                                                               const std::string& key) const {
  {
    std::unique_lock<std::mutex> lock(sets_mu_);
    while (true) {
      if (sets_ && sets_->key() == key) return sets_;
      if (!building_) break;
      // A full build takes a fifth of a second per 100k articles: search
      // without bitmaps meanwhile. An extension takes milliseconds: wait
      // for it, since counting without bitmaps would take longer.
      if (!extending_ || !sets_built_.wait_for(lock, kExtendWait, [this] { return !building_; }))
        return nullptr;
    }
    building_ = true;
  }
  std::shared_ptr<const search::DocSets> built;
  std::string uuid;
  Xapian::rev revision = 0;
  auto done = [this] {
    building_ = false;
    extending_ = false;
    sets_built_.notify_all();
  };
  try {
    if (h.extras.empty()) {
      uuid = h.local.get_uuid();
      revision = h.local.get_revision();
    }
    std::shared_ptr<const search::DocSets> base = ExtendableSets(h, uuid, revision);
    if (base) {
      {
        std::lock_guard<std::mutex> lock(sets_mu_);
        extending_ = true;
      }
      built = search::DocSets::Extend(*base, h.all, key);
    }
    if (!built) built = search::DocSets::Build(h.all, key);
  } catch (...) {
    std::lock_guard<std::mutex> lock(sets_mu_);
    done();
    throw;
  }
  std::lock_guard<std::mutex> lock(sets_mu_);
  done();
  sets_ = built;
  sets_uuid_ = std::move(uuid);
  sets_revision_ = revision;
  return built;
}

// The held sets when the handle's database is their database with nothing
// but additions committed since (schema::kMetaAppendSince); else null.
std::shared_ptr<const search::DocSets> Searcher::Impl::ExtendableSets(const Handle& h,
                                                                      const std::string& uuid,
                                                                      Xapian::rev revision) const {
  if (uuid.empty()) return nullptr;
  std::shared_ptr<const search::DocSets> base;
  Xapian::rev base_revision;
  {
    std::lock_guard<std::mutex> lock(sets_mu_);
    if (!sets_ || sets_uuid_ != uuid) return nullptr;
    base = sets_;
    base_revision = sets_revision_;
  }
  if (revision <= base_revision) return nullptr;
  std::string since = h.local.get_metadata(std::string(schema::kMetaAppendSince));
  char* end = nullptr;
  unsigned long long value = std::strtoull(since.c_str(), &end, 10);
  if (since.empty() || *end != '\0' || value > base_revision) return nullptr;
  return base;
}

std::unique_ptr<Handle> Searcher::Impl::Acquire() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.empty()) return std::make_unique<Handle>();
  std::unique_ptr<Handle> h = std::move(idle_.back());
  idle_.pop_back();
  return h;
}

void Searcher::Impl::Release(std::unique_ptr<Handle> handle) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(handle));
}

// A rebuild swaps the `current` symlink: a new path means a fresh Database
// (reopen() would stay on the old generation's files); the same path means
// reopen() to the latest commit.
Status Searcher::Impl::Refresh(Handle& h) const {
  // The link's text first: one readlink a request, where resolving costs a
  // stat of the database and path work. Same text, same database.
  std::string link = ReadCurrentLink(index_dir_);
  if (!h.path.empty() && !link.empty() && link == h.link) {
    h.all.reopen();
    return Status::Ok();
  }
  Result<std::string> path = ResolveCurrent(index_dir_);
  if (!path.ok()) return path.status();
  if (*path == h.path) {
    h.link = std::move(link);
    h.all.reopen();
    return Status::Ok();
  }
  h.path.clear();
  h.local = Xapian::Database(*path);
  h.extras.clear();
  h.all = Xapian::Database();
  h.all.add_database(h.local);
  for (const std::string& spec : extra_) {
    try {
      h.extras.push_back(OpenExtra(spec, shard_timeout_));
    } catch (const Xapian::NetworkError& e) {
      return Status::Unavailable("shard " + spec + " is unreachable: " + e.get_msg());
    } catch (const Xapian::Error& e) {
      return Status::IoError("cannot open extra database " + spec + ": " + e.get_description());
    } catch (const std::logic_error& e) {  // std::stoul on a bad port
      return Status::InvalidArgument("bad extra database " + spec + ": " + e.what());
    }
    h.all.add_database(h.extras.back());
  }
  h.path = *path;
  h.link = std::move(link);
  return Status::Ok();
}

Xapian::doccount Searcher::Impl::LocalDocuments(const Handle& h) const {
  Xapian::doccount n = h.local.get_doccount();
  for (size_t i = 0; i < h.extras.size(); ++i)
    if (!IsRemote(extra_[i])) n += h.extras[i].get_doccount();
  return n;
}

EngineContext Searcher::Impl::Context(const Handle& h) const {
  EngineContext ctx{h.all,        *taxonomy_,
                    tagger_,      builder_,
                    stock_spies_, cache_enabled_ ? &cache_ : nullptr,
                    std::nullopt, 0,
                    nullptr,      h.extras.empty(),
                    time_limit_,  std::nullopt};
  if (stock_spies_) ctx.remote_only = LocalDocuments(h) == 0;
  try {
    ctx.local_revision = h.local.get_revision();
    std::string key = h.local.get_uuid() + "@" + std::to_string(h.local.get_revision());
    for (const Xapian::Database& db : h.extras) {
      key += '+';
      key += db.get_uuid();
      key += '@';
      key += std::to_string(db.get_revision());
    }
    ctx.revision_key = std::move(key);
  } catch (const Xapian::Error&) {
    // A backend without revisions: no caching.
    return ctx;
  }
  // Remote documents cannot be read into bitmaps.
  if (!stock_spies_) ctx.sets = SetsFor(h, *ctx.revision_key);
  if (ctx.sets) ctx.groups = GroupsFor(h, *ctx.revision_key);
  return ctx;
}

// After an unexpected error the handle may be unusable: open afresh next time.
Status Searcher::Impl::Fail(Handle& h, Status status) const {
  h.path.clear();
  return status;
}

template <typename T, typename Fn>
Result<T> Searcher::Impl::Run(Fn&& fn) const {
  std::unique_ptr<Handle> h = Acquire();
  Status last;
  bool reconnected = false;
  int open_failures = 0;
  int lost_revisions = 0;
  std::shared_lock<std::shared_mutex> gate;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (attempt > 0) Backoff(attempt - 1);
    if (lost_revisions >= kGateAfterFailures && !gate.owns_lock())
      gate = std::shared_lock(index::CommitGate(index_dir_));
    try {
      if (Status st = Refresh(*h); !st.ok()) {
        Release(std::move(h));
        return st;
      }
      Result<T> result = fn(Context(*h));
      Release(std::move(h));
      return result;
    } catch (const Xapian::DatabaseModifiedError& e) {
      last = Status::Internal("the index kept changing during the request: " + e.get_msg());
      ++lost_revisions;
      // Refresh() reopens at the next attempt.
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Reopened from scratch: the handle's cached blocks may be the bad ones.
      last = Fail(*h, Status::Corrupt(e.get_description()));
      ++lost_revisions;
    } catch (const Xapian::DatabaseNotFoundError& e) {
      last = Fail(*h, Status::NotFound("no index yet at " + index_dir_ + ": " + e.get_msg()));
      if (++open_failures == kMaxOpenAttempts) return last;
    } catch (const Xapian::DatabaseOpeningError& e) {
      // A rebuild may have removed the generation between resolve and open.
      last = Fail(*h, Status::NotFound("no index yet at " + index_dir_ + ": " + e.get_msg()));
      if (++open_failures == kMaxOpenAttempts) return last;
    } catch (const Xapian::DatabaseError& e) {
      // "EOF reading block" and the like: the revision was recycled under the
      // reader by a writer the commit gate does not hold (another process).
      // Reopened from scratch and retried, as corruption is.
      last = Fail(*h, Status::Internal(e.get_description()));
      ++lost_revisions;
    } catch (const Xapian::NetworkTimeoutError& e) {
      // "REMOTE:" is the shard's server timing out on us (a pooled connection
      // it gave up on): worth the one reconnection. Otherwise a slow shard has
      // had its time, and another try would double the wait.
      if (e.get_msg().rfind("REMOTE:", 0) == 0 && !reconnected) {
        last = Fail(*h, Status::Unavailable(ShardOf(e) + " failed: " + e.get_msg()));
        reconnected = true;
        continue;
      }
      char limit[32];
      std::snprintf(limit, sizeof limit, "%g s", shard_timeout_);
      return Fail(*h, Status::Unavailable(ShardOf(e) + " did not answer within " + limit + ": " +
                                          e.get_msg()));
    } catch (const Xapian::NetworkError& e) {
      // A shard server restarted: reconnect once; a server that is down
      // should not cost several connect timeouts.
      last = Fail(*h, Status::Unavailable(ShardOf(e) + " failed: " + e.get_msg()));
      if (reconnected) return last;
      reconnected = true;
    } catch (const Xapian::Error& e) {
      return Fail(*h, Status::Internal(e.get_description()));
    } catch (const std::exception& e) {
      return Fail(*h, Status::Internal(e.what()));
    }
  }
  return last;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& index_dir,
                                                 std::shared_ptr<const Taxonomy> taxonomy,
                                                 std::vector<std::string> extra,
                                                 size_t cache_entries, double time_limit,
                                                 double shard_timeout) {
  if (!taxonomy) return Status::InvalidArgument("Searcher::Open needs a taxonomy");
  auto impl = std::make_unique<Impl>(index_dir, std::move(taxonomy), std::move(extra),
                                     cache_entries, time_limit, shard_timeout);
  // Open once now, so a missing index or an unreachable shard fails here.
  Result<IndexStats> probe =
      impl->Run<IndexStats>([](const EngineContext&) { return IndexStats{}; });
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResult> Searcher::Search(const SearchRequest& request) const {
  return impl_->Run<SearchResult>(
      [&](const EngineContext& ctx) { return search::RunSearch(ctx, request); });
}

Result<ArticleView> Searcher::GetArticle(const std::string& id, int related) const {
  return impl_->Run<ArticleView>(
      [&](const EngineContext& ctx) { return search::RunGetArticle(ctx, id, related); });
}

Result<PivotResult> Searcher::Pivot(const PivotRequest& request) const {
  return impl_->Run<PivotResult>(
      [&](const EngineContext& ctx) { return search::RunPivot(ctx, request); });
}

Result<TrendsResult> Searcher::Trends(const TrendsRequest& request) const {
  return impl_->Run<TrendsResult>(
      [&](const EngineContext& ctx) { return search::RunTrends(ctx, request); });
}

Result<SignificantResult> Searcher::Significant(const SignificantRequest& request) const {
  return impl_->Run<SignificantResult>(
      [&](const EngineContext& ctx) { return search::RunSignificant(ctx, request); });
}

Result<IndexStats> Searcher::Stats() const {
  return impl_->Run<IndexStats>([](const EngineContext& ctx) -> Result<IndexStats> {
    IndexStats stats;
    stats.documents = ctx.db.get_doccount();
    stats.revision = ctx.local_revision;
    // Metadata of a combined database is the first one's: the local index.
    std::string committed = ctx.db.get_metadata(std::string(schema::kMetaCommitTime));
    stats.commit_time = std::strtod(committed.c_str(), nullptr);
    return stats;
  });
}

}  // namespace longjing
