# shellcheck shell=bash disable=SC2153,SC2154
# bench/lib.sh: the stages of bench/run, sourced by it (uses its variables:
# REPO, WORK, BUILD, BIN, BENCH_BIN, GEN, MAIN, LOGS, RESULTS,
# SIZE, GEN_N, GROWTH, DUR, GROWTH_DUR, WARM, MIX, SEARCHABLE_N, NPROC,
# SERVER_THREADS, SEED, TOKEN, DOC, FAILED).
# Every stage runs in a subshell with errexit: a failing command ends the
# stage, which bench/run reports, and the run goes on with the next stage.
# Measurements go to $RESULTS as key=value lines; report.py turns them into
# the table.

export LC_ALL=C

say() { printf '\n== %s\n' "$*"; }

record() { printf '%s=%s\n' "$1" "$2" >> "$RESULTS"; }

# The last recorded value of a key (empty when none).
get() { grep "^$1=" "$RESULTS" | tail -n 1 | cut -d= -f2- || true; }

# Records every key=value of a line such as "floor label=mix qps=3.2" as
# <prefix>_<key>; the prefix defaults to the line's first word.
record_kv() {
  local prefix=$1 line=$2 word
  for word in $line; do
    [[ $word == *=* ]] && record "${prefix}_${word%%=*}" "${word#*=}"
  done
  return 0
}

# Appends the command to commands.txt, for the report ("<token>" stands
# for the admin token, written $TOKEN there).
logcmd() {
  # shellcheck disable=SC2016 # a literal $TOKEN
  printf '%q ' "$@" | sed -e 's/ $//' -e 's/\\<token\\>/$TOKEN/g' >> "$WORK/commands.txt"
  echo >> "$WORK/commands.txt"
}

# Logs the command, then runs it.
cmd() {
  logcmd "$@"
  "$@"
}

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# stage NAME FUNCTION: runs the function in a subshell with errexit, records
# its time, and adds NAME to FAILED when it fails. Always returns 0: bash
# ignores errexit inside anything called from a condition (`stage ... ||`),
# subshells included, so a stage must never be called from one.
stage() {
  local name=$1 rc t0=$EPOCHREALTIME
  shift
  # --only: the stages a reader needs (e.g. the insights figures at 100k)
  # without the hour a full run takes; the rest are left out of the report.
  if [[ -n $ONLY && " ${ONLY//,/ } " != *" $name "* ]]; then return 0; fi
  say "$name"
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  record "stage_${name}_seconds" "$(since "$t0")"
  if (( rc != 0 )); then
    FAILED+=("$name")
    echo "bench/run: stage $name FAILED (exit $rc); logs in $LOGS" >&2
  fi
  return 0
}

failed() { [[ " ${FAILED[*]} " == *" $1 "* ]]; }

write_meta() {
  local m="$WORK/meta.txt"
  {
    echo "mode=$MODE"
    echo "args=$ARGS"
    echo "articles=$SIZE"
    echo "growth_sizes=$GROWTH"
    echo "seed=$SEED"
    echo "duration=$DUR"
    echo "mix_size=$MIX"
    echo "browse_size=$BROWSE"
    echo "server_threads=$SERVER_THREADS"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc=$NPROC"
    echo "cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "ram=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel=$(uname -sr)"
    # shellcheck disable=SC1091
    echo "os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}")"
    echo "xapian=$(xapian-config --version 2>/dev/null | awk '{ print $NF }')"
    echo "compiler=$(c++ --version 2>/dev/null | head -n 1)"
    echo "git=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$m"
}

# ---- tools and build ------------------------------------------------------

apt_install() {
  local sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo -n)
  echo "bench/run: installing $*"
  cmd "${sudo[@]}" apt-get install -y -q "$@" > "$LOGS/apt.log" 2>&1 ||
    { "${sudo[@]}" apt-get update -q >> "$LOGS/apt.log" 2>&1 && cmd "${sudo[@]}" apt-get install -y -q "$@" >> "$LOGS/apt.log" 2>&1; }
}

ensure_tools() {
  local missing=()
  command -v wrk > /dev/null || missing+=(wrk)
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v curl > /dev/null || missing+=(curl)
  [[ -e /usr/share/dict/american-english ]] || missing+=(wamerican)
  [[ -e /usr/share/dict/french ]] || missing+=(wfrench)
  if (( ${#missing[@]} )); then apt_install "${missing[@]}"; fi
  command -v python3 > /dev/null || { echo "bench/run: needs python3 (bench/make-corpus)" >&2; return 1; }
}

build_targets() {
  cmd cmake -S "$REPO" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release > "$LOGS/build.log" 2>&1
  cmd cmake --build "$BUILD" -j "$NPROC" --target longjing-index longjing-serve \
    bench_floor bench_floor_index bench_dump_tags bench_parse_speed bench_tag_speed bench_collapse \
    bench_snippets >> "$LOGS/build.log" 2>&1 ||
    { tail -n 30 "$LOGS/build.log" >&2; return 1; }
}

# ---- corpus ---------------------------------------------------------------

# The first $1 articles of corpus $2 as hard links in $3 (make-corpus puts
# 1000 files in each NNNN/ folder, in article order).
prefix_corpus() {
  local n=$1 src=$2 dest=$3 d
  echo "# the first $n articles of $src, hard-linked into $dest (cp -al, ln)" >> "$WORK/commands.txt"
  rm -rf "$dest"
  mkdir -p "$dest"
  local full=$(( n / 1000 )) rest=$(( n % 1000 ))
  for (( d = 0; d < full; d++ )); do cp -al "$src/$(printf %04d "$d")" "$dest/"; done
  if (( rest > 0 )); then
    local folder
    folder=$(printf %04d "$full")
    mkdir -p "$dest/$folder"
    # awk, not head: head would leave sort writing to a closed pipe (pipefail)
    find "$src/$folder" -maxdepth 1 -name '*.md' | sort | awk -v n="$rest" 'NR <= n' | xargs -r ln -t "$dest/$folder"
  fi
  [[ $(find "$dest" -name '*.md' | wc -l) == "$n" ]]
}

make_corpus() {
  if [[ -f $GEN/.complete ]]; then
    echo "reusing $GEN ($(cat "$GEN/.complete"))"
  else
    rm -rf "$GEN"
    mkdir -p "$GEN"
    local t0=$EPOCHREALTIME
    cmd python3 "$REPO/bench/make-corpus" --out "$GEN/corpus" --count "$GEN_N" --seed "$SEED" \
      --jsonl "$GEN/corpus.jsonl" --truth "$GEN/truth.jsonl" --taxonomy-out "$GEN/taxonomy.json" \
      > "$LOGS/make-corpus.log" 2>&1 || { tail "$LOGS/make-corpus.log" >&2; return 1; }
    record gen_seconds "$(since "$t0")"
    grep -m1 digest "$LOGS/make-corpus.log" > "$GEN/.complete" || echo "complete" > "$GEN/.complete"
    cat "$LOGS/make-corpus.log"
  fi
  rm -rf "$MAIN"
  mkdir -p "$MAIN"
  prefix_corpus "$SIZE" "$GEN/corpus" "$MAIN/corpus"
  head -n "$SIZE" "$GEN/truth.jsonl" > "$MAIN/truth.jsonl"
  record corpus_articles "$SIZE"
  record corpus_bytes "$(du -sb "$MAIN/corpus" | cut -f1)"
}

# ---- indexing -------------------------------------------------------------

# Runs longjing-index with $2.. under /usr/bin/time -v; records $1_seconds
# and $1_peak_rss_kb, leaves the output in $LOGS/$1.log.
timed_index() {
  local name=$1 t0
  shift
  t0=$EPOCHREALTIME
  cmd /usr/bin/time -v -o "$LOGS/$name.time" "$BIN/longjing-index" --taxonomy "${TAXONOMY:-$GEN/taxonomy.json}" "$@" \
    > "$LOGS/$name.log" 2>&1 || { tail "$LOGS/$name.log" >&2; return 1; }
  record "${name}_seconds" "$(since "$t0")"
  record "${name}_peak_rss_kb" "$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$LOGS/$name.time")"
  grep '^longjing-index:' "$LOGS/$name.log"
}

# "added 2000" -> 2000, from the summary line of $LOGS/$1.log.
summary_count() { grep -o "$2 [0-9]*" "$LOGS/$1.log" | awk 'NR == 1 { print $2 }'; }

index_full() {
  timed_index index_full --corpus "$MAIN/corpus" --index "$MAIN/index" --full
  record index_full_docs "$(summary_count index_full added)"
  record index_bytes "$(du -sb "$MAIN/index" | cut -f1)"
  # Where the bytes are: Xapian's tables (position, postlist, termlist, docdata, spelling).
  local table
  for table in "$MAIN"/index/gen-*/*.glass; do
    record "index_table_$(basename "$table" .glass)_bytes" "$(stat -c %s "$table")"
  done
}

index_noop() {
  local i
  for i in 1 2 3; do timed_index "index_noop$i" --corpus "$MAIN/corpus" --index "$MAIN/index"; done
  record index_noop_count 3
  record index_noop_seconds "$(for i in 1 2 3; do get "index_noop${i}_seconds"; done | median)"
}

# The held-out set (bench/tagging/heldout.jsonl: inflected, French, Chinese
# and trap mentions written for the purpose) against the shipped taxonomy,
# and the tagger's throughput on up to 20,000 generated articles.
tagging_heldout() {
  cmd "$BENCH_BIN/bench_tag_speed" --taxonomy "$REPO/config/taxonomy.json" \
    --jsonl "$REPO/bench/tagging/heldout.jsonl" --rounds 1 --out "$WORK/heldout-tags.jsonl" \
    > /dev/null 2> "$LOGS/heldout.log"
  cmd python3 "$REPO/bench/check-truth" "$REPO/config/taxonomy.json" \
    "$REPO/bench/tagging/heldout.jsonl" "$WORK/heldout-tags.jsonl" > "$LOGS/check-heldout.log"
  echo "held-out tagging set:"
  cat "$LOGS/check-heldout.log"
  local facet
  for facet in city company policy; do
    record "heldout_${facet}_precision" "$(awk -v f="$facet" '$1 == f { print $3 }' "$LOGS/check-heldout.log")"
    record "heldout_${facet}_recall" "$(awk -v f="$facet" '$1 == f { print $5 }' "$LOGS/check-heldout.log")"
  done
  if [[ -f $GEN/corpus.jsonl ]]; then
    head -n "$(( SIZE < 20000 ? SIZE : 20000 ))" "$GEN/corpus.jsonl" > "$WORK/tag-speed.jsonl"
    cmd "$BENCH_BIN/bench_tag_speed" --taxonomy "$GEN/taxonomy.json" --jsonl "$WORK/tag-speed.jsonl" \
      --rounds 3 > "$LOGS/tag-speed.log"
    cat "$LOGS/tag-speed.log"
    record tag_mb_per_s "$(awk '{ for (i = 1; i < NF; i++) if ($i == "mb_per_s") print $(i + 1) }' "$LOGS/tag-speed.log")"
    record tag_articles_per_s "$(awk '{ for (i = 1; i < NF; i++) if ($i == "articles_per_s") print $(i + 1) }' "$LOGS/tag-speed.log")"
  fi
}

tagging() {
  tagging_heldout
  [[ -d $MAIN/index ]] || { echo "no index in $MAIN: generated-corpus truth skipped"; return 0; }
  cmd "$BENCH_BIN/bench_dump_tags" --index "$MAIN/index" --out "$MAIN/tags.jsonl" 2> "$LOGS/dump_tags.log"
  cmd python3 "$REPO/bench/check-truth" "$GEN/taxonomy.json" "$MAIN/truth.jsonl" "$MAIN/tags.jsonl" \
    > "$LOGS/check-truth.log"
  cat "$LOGS/check-truth.log"
  local facet
  for facet in city company policy; do
    record "tags_${facet}_precision" "$(awk -v f="$facet" '$1 == f { print $3 }' "$LOGS/check-truth.log")"
    record "tags_${facet}_recall" "$(awk -v f="$facet" '$1 == f { print $5 }' "$LOGS/check-truth.log")"
  done
  record tags_lang_accuracy "$(awk '$1 == "lang" { print $3 }' "$LOGS/check-truth.log")"
  record tags_date_accuracy "$(awk '$1 == "date" { print $3 }' "$LOGS/check-truth.log")"
}

# Extraction speed per format on the generated articles, and on PDF and DOCX
# files made from them (pages/s, MB/s; medians of 3 rounds).
parse_speed() {
  cmd "$BENCH_BIN/bench_parse_speed" --corpus "$MAIN/corpus" --files 400 --repeat 3 > "$LOGS/parse_speed.log"
  cat "$LOGS/parse_speed.log"
  local line
  while read -r line; do record_kv "${line%% *}" "$line"; done < "$LOGS/parse_speed.log"
}

floor_index() {
  rm -rf "$MAIN/floordb"
  cmd "$BENCH_BIN/bench_floor_index" --corpus "$MAIN/corpus" --db "$MAIN/floordb" > "$LOGS/floor_index.log"
  cat "$LOGS/floor_index.log"
  record_kv floor_index "$(grep '^floor_index ' "$LOGS/floor_index.log")"
  record floor_index_db_bytes "$(du -sb "$MAIN/floordb" | cut -f1)"
  rm -rf "$MAIN/floordb"
  # The same with one database per core merged by the compactor: the most
  # Xapian's writer does on this machine, whatever the indexer around it.
  cmd "$BENCH_BIN/bench_floor_index" --corpus "$MAIN/corpus" --db "$MAIN/floordb" --shards > "$LOGS/floor_index_shards.log"
  cat "$LOGS/floor_index_shards.log"
  record_kv floor_index_shards "$(grep '^floor_index_shards ' "$LOGS/floor_index_shards.log")"
  record floor_index_shards_db_bytes "$(du -sb "$MAIN/floordb" | cut -f1)"
  rm -rf "$MAIN/floordb"
}

incremental() {
  local action
  for action in change add remove; do
    cmd python3 "$REPO/bench/mutate.py" "$action" --corpus "$MAIN/corpus" --percent 1 | tee "$LOGS/mutate-$action.log"
    record "index_${action}_files" "$(awk '{ print $3 }' "$LOGS/mutate-$action.log")"
    timed_index "index_$action" --corpus "$MAIN/corpus" --index "$MAIN/index"
  done
  # The floor: Xapian alone moving 1 % of this index's postings, on a copy.
  rm -rf "$MAIN/index-floor-update"
  cp -a "$MAIN/index" "$MAIN/index-floor-update"
  cmd "$BENCH_BIN/bench_floor_update" --index "$MAIN/index-floor-update" --percent 1 \
    > "$LOGS/floor_update.log" 2>&1 || { cat "$LOGS/floor_update.log" >&2; return 1; }
  cat "$LOGS/floor_update.log"
  for action in change add remove; do
    record_kv "floor_update_$action" "$(grep "step=$action " "$LOGS/floor_update.log")"
  done
  rm -rf "$MAIN/index-floor-update"
}

# Taxonomy edits that longjing-index picks up by re-tagging from the index's
# stored text (docs/taxonomy.md, "Editing"): one alias no article holds (what
# adding a new name costs), aliases nearly every article holds (a change that
# touches everything), then the shipped taxonomy again, which later stages use.
retag() {
  cmd python3 - "$GEN/taxonomy.json" "$MAIN/taxonomy-one.json" "$MAIN/taxonomy-every.json" <<'PY'
import json, sys
src, one, every = sys.argv[1:]
def edited(facet, aliases):
    t = json.load(open(src))
    t["facets"][facet]["values"][0].setdefault("aliases", []).extend(aliases)
    return t
json.dump(edited("company", ["Quaggaline Holdings"]), open(one, "w"), ensure_ascii=False, indent=2)
json.dump(edited("policy", ["the", "la", "的"]), open(every, "w"), ensure_ascii=False, indent=2)
PY
  local step
  for step in one every back; do
    local file="$MAIN/taxonomy-$step.json"
    [[ $step == back ]] && file="$GEN/taxonomy.json"
    TAXONOMY="$file" timed_index "retag_$step" --corpus "$MAIN/corpus" --index "$MAIN/index"
    record "retag_${step}_articles" "$(summary_count "retag_$step" re-tagged)"
    record "retag_${step}_retag_seconds" \
      "$(grep -o 'articles read in [0-9.]*' "$LOGS/retag_$step.log" | awk '{ print $4 }')"
  done
}

# ---- queries --------------------------------------------------------------

make_queries() {
  cmd python3 "$REPO/bench/make_queries.py" --jsonl "$GEN/corpus.jsonl" --taxonomy "$GEN/taxonomy.json" \
    --truth "$MAIN/truth.jsonl" --articles "$SIZE" --out "$MAIN" --mix "$MIX" --browse "$BROWSE"
}

# bench_floor on $MAIN/index; $1 = result prefix, $2 = threads, $3 = queries, $4 = seconds.
# $5...: more bench_floor flags (--no-snippets).
run_floor() {
  cmd "$BENCH_BIN/bench_floor" --index "$MAIN/index" --queries "$3" --threads "$2" --duration "$4" \
    --warmup "$WARM" --label "$1" "${@:5}" > "$LOGS/floor-$1.log"
  cat "$LOGS/floor-$1.log"
  record_kv "$1" "$(grep '^floor ' "$LOGS/floor-$1.log")"
}

# Snippets on their own, per hit (thread CPU time): Longjing's scorer, the
# stored-data read before it, and Xapian's MSet::snippet for comparison.
snippet_costs() {
  cmd "$BENCH_BIN/bench_snippets" --index "$MAIN/index" --queries "$MAIN/queries.txt" \
    --rounds 2 > "$LOGS/snippets.log"
  cat "$LOGS/snippets.log"
  record_kv snippets "$(grep '^snippets ' "$LOGS/snippets.log")"
}

floor_queries() {
  run_floor floor_t1 1 "$MAIN/queries.txt" "$DUR"
  run_floor floor_t8 8 "$MAIN/queries.txt" "$DUR"
  # Issue 13's reference: the same work without snippets (the hits' data still read).
  run_floor floor_ns_t1 1 "$MAIN/queries.txt" "$DUR" --no-snippets
  run_floor floor_ns_t8 8 "$MAIN/queries.txt" "$DUR" --no-snippets
  run_floor floor_browse 1 "$MAIN/browse.txt" "$DUR"
}

# ---- the server -----------------------------------------------------------

SERVER_PID="" SERVER_URL="" SAMPLER_PID=""

# start_server watch|nowatch INDEX CORPUS NAME [CACHE_ENTRIES]: sets SERVER_PID
# and SERVER_URL once /healthz answers. The stage's EXIT trap stops it.
# CACHE_ENTRIES=0 turns the server's result cache off (the default keeps it).
start_server() {
  local mode=$1 index=$2 corpus=$3 name=$4 cache=${5:-2048} t0=$EPOCHREALTIME
  local flags=(--index "$index" --corpus "$corpus" --taxonomy "$GEN/taxonomy.json" --web "$REPO/web"
               --port 0 --threads "$SERVER_THREADS")
  local token=""
  if [[ $mode == nowatch ]]; then flags+=(--no-watch); else token=$TOKEN; fi
  trap stop_server EXIT
  # The server is started directly (not through cmd) so that $! is its pid.
  if [[ -n $token ]]; then
    logcmd env LONGJING_ADMIN_TOKEN="<token>" LONGJING_CACHE_ENTRIES="$cache" "$BIN/longjing-serve" "${flags[@]}"
  else
    logcmd env LONGJING_CACHE_ENTRIES="$cache" "$BIN/longjing-serve" "${flags[@]}"
  fi
  LONGJING_ADMIN_TOKEN=$token LONGJING_CACHE_ENTRIES=$cache "$BIN/longjing-serve" "${flags[@]}" \
    > "$LOGS/$name.out" 2> "$LOGS/$name.err" &
  SERVER_PID=$!
  while true; do
    if ! kill -0 "$SERVER_PID" 2> /dev/null; then
      echo "bench/run: the server exited:" >&2
      tail -n 20 "$LOGS/$name.err" >&2
      return 1
    fi
    SERVER_URL=$(grep -o -m1 'http://[0-9.]*:[0-9]*' "$LOGS/$name.out" || true)
    if [[ -n $SERVER_URL ]] && curl -sf -o /dev/null "$SERVER_URL/healthz"; then break; fi
    if (( $(awk -v t="$(since "$t0")" 'BEGIN { print (t > 900) }') )); then
      echo "bench/run: the server did not come up in 900 s" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "server $SERVER_PID at $SERVER_URL (up in $(since "$t0") s)"
}

stop_server() {
  if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2> /dev/null || true; fi
  SAMPLER_PID=""
  [[ -n $SERVER_PID ]] || return 0
  kill -TERM "$SERVER_PID" 2> /dev/null || true
  local i
  for (( i = 0; i < 200; i++ )); do
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2> /dev/null || true
  wait "$SERVER_PID" 2> /dev/null || true
  SERVER_PID=""
}

# VmRSS of $1 in kB every 0.25 s into $2 while it lives.
sample_rss() {
  while [[ -r /proc/$1/status ]]; do
    awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2> /dev/null || true
    sleep 0.25
  done > "$2"
}

# run_wrk NAME CONNECTIONS SECONDS QUERIES: records NAME_{p50_ms,p99_ms,qps,errors,...}.
run_wrk() {
  local name=$1 c=$2 secs=$3 queries=$4
  local t=$(( c < NPROC ? c : NPROC ))
  cmd wrk -t "$t" -c "$c" -d "${secs}s" --timeout 10s -s "$REPO/bench/querymix.lua" "$SERVER_URL" \
    -- "$queries" "$t" > "$LOGS/wrk-$name.log" 2>&1 || { cat "$LOGS/wrk-$name.log" >&2; return 1; }
  local line
  line=$(grep '^wrk_result ' "$LOGS/wrk-$name.log")
  echo "$name: $line"
  record_kv "$name" "$line"
  record "${name}_errors" "$(awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /non2xx|socket_errors|timeouts/) e += kv[2] } print e + 0 }' <<< "$line")"
}

# The query mix runs with the result cache off, so that every request runs
# the match as the floor does; filter-only browsing runs once cold (cache
# off) and once as shipped (cache on: the landing view's design).
server_load() {
  start_server nowatch "$MAIN/index" "$MAIN/corpus" server-load 0
  sample_rss "$SERVER_PID" "$LOGS/server-rss.txt" &
  SAMPLER_PID=$!
  run_wrk warmup 8 "$WARM" "$MAIN/queries.txt"
  run_wrk server_c1 1 "$DUR" "$MAIN/queries.txt"
  run_wrk server_c8 8 "$DUR" "$MAIN/queries.txt"
  run_wrk server_c32 32 "$DUR" "$MAIN/queries.txt"
  run_wrk server_browse_cold 1 "$DUR" "$MAIN/browse.txt"
  record server_hwm_kb "$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")"
  kill "$SAMPLER_PID" 2> /dev/null || true
  SAMPLER_PID=""
  record server_rss_max_kb "$(sort -n "$LOGS/server-rss.txt" | tail -n 1)"
  stop_server
  start_server nowatch "$MAIN/index" "$MAIN/corpus" server-browse
  run_wrk server_browse 1 "$DUR" "$MAIN/browse.txt"
  record server_browse_hwm_kb "$(awk '/^VmHWM/ { print $2 }' "/proc/$SERVER_PID/status")"
  stop_server
}

# Issue 13's news stream: STREAM_SECS of 20 articles a second, as file
# drops and then as POSTs, while wrk runs c=4 over the query mix; each mode
# first measures the same wrk load alone. Adds articles to the main corpus
# and index: after every stage that reads them as generated.
news_stream() {
  start_server watch "$MAIN/index" "$MAIN/corpus" server-stream
  local mode rc=0 base=$(( STREAM_SECS < 60 ? STREAM_SECS : 60 ))
  for mode in files post; do
    local args=(--url "$SERVER_URL" --corpus "$MAIN/corpus" --queries "$MAIN/queries.txt" --mode "$mode"
                --rate 20 --seconds "$STREAM_SECS" --baseline-seconds "$base" --connections 4 --pid "$SERVER_PID")
    logcmd python3 "$REPO/bench/news_stream.py" --token "<token>" "${args[@]}"
    python3 "$REPO/bench/news_stream.py" --token "$TOKEN" "${args[@]}" > "$LOGS/stream-$mode.log" || rc=1
    cat "$LOGS/stream-$mode.log"
    record_kv "stream_$mode" "$(grep "^stream_$mode " "$LOGS/stream-$mode.log" || true)"
  done
  stop_server
  return $rc
}

# Per query class (queries.tsv): the floor without snippets and the server
# (cache off, c=1) on each class's own list, so that no class hides behind
# the mix's average.
query_classes() {
  local classes cls secs=$(( DUR / 3 > 1 ? DUR / 3 : 1 ))
  classes=$(cut -f1 "$MAIN/queries.tsv" | sort -u)
  record query_classes "$(echo $classes)"
  for cls in $classes; do
    awk -F'\t' -v c="$cls" '$1 == c { print $2 }' "$MAIN/queries.tsv" > "$MAIN/class-$cls.txt"
    run_floor "floor_cls_$cls" 1 "$MAIN/class-$cls.txt" "$secs" --no-snippets
  done
  start_server nowatch "$MAIN/index" "$MAIN/corpus" server-classes 0
  run_wrk warmup_classes 2 "$WARM" "$MAIN/queries.txt"
  for cls in $classes; do run_wrk "server_cls_$cls" 1 "$secs" "$MAIN/class-$cls.txt"; done
  # The fixed cost of a request, for reading the few-match classes against
  # their sub-millisecond floor: an HTTP round trip that searches nothing,
  # and a search whose one word is in no article (parse, match, JSON).
  echo "/healthz" > "$MAIN/class-http.txt"
  echo "q=zzqxjv" > "$MAIN/class-nomatch.txt"
  run_wrk server_fixed_http 1 "$secs" "$MAIN/class-http.txt"
  run_wrk server_fixed_nomatch 1 "$secs" "$MAIN/class-nomatch.txt"
  stop_server
}

searchable() {
  start_server watch "$MAIN/index" "$MAIN/corpus" server-watch
  logcmd python3 "$REPO/bench/searchable.py" --url "$SERVER_URL" --corpus "$MAIN/corpus" --token "<token>" \
    --count "$SEARCHABLE_N"
  local rc=0
  python3 "$REPO/bench/searchable.py" --url "$SERVER_URL" --corpus "$MAIN/corpus" --token "$TOKEN" \
    --count "$SEARCHABLE_N" > "$LOGS/searchable.log" || rc=$?
  cat "$LOGS/searchable.log"
  record_kv searchable_watch "$(grep '^searchable_watch ' "$LOGS/searchable.log" || true)"
  record_kv searchable_post "$(grep '^searchable_post ' "$LOGS/searchable.log" || true)"
  stop_server
  return $rc
}

# ---- growth ---------------------------------------------------------------

growth_point() {
  local n=$1 dir="$WORK/growth"
  if [[ $n == "$SIZE" ]]; then  # the main run measured it already
    record "growth_${n}_index_seconds" "$(get index_full_seconds)"
    record "growth_${n}_p50_ms" "$(get server_c1_p50_ms)"
    record "growth_${n}_p99_ms" "$(get server_c1_p99_ms)"
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  prefix_corpus "$n" "$GEN/corpus" "$dir/corpus"
  timed_index "growth_${n}_index" --corpus "$dir/corpus" --index "$dir/index" --full
  record "growth_${n}_index_bytes" "$(du -sb "$dir/index" | cut -f1)"
  start_server nowatch "$dir/index" "$dir/corpus" "server-growth-$n" 0
  run_wrk "growth_${n}_warmup" 8 "$WARM" "$MAIN/queries.txt"
  run_wrk "growth_${n}" 1 "$GROWTH_DUR" "$MAIN/queries.txt"
  stop_server
  rm -rf "$dir"
}

growth() {
  local n rc=0 one
  for n in $GROWTH; do
    # not `growth_point || rc=1`: that would switch errexit off inside it
    set +e
    ( set -e; growth_point "$n" )
    one=$?
    set -e
    (( one == 0 )) || rc=1
  done
  return $rc
}

# ---- report ---------------------------------------------------------------

report() {
  say "report"
  local rc=0
  mkdir -p "$(dirname "$DOC")"
  python3 "$REPO/bench/report.py" --work "$WORK" --out "$DOC" || rc=1
  if (( ${#FAILED[@]} )); then
    echo "bench/run: failed stages: ${FAILED[*]}"
    rc=1
  fi
  return $rc
}
