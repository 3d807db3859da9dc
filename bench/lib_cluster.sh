# shellcheck shell=bash disable=SC2153,SC2154
# The loopback cluster (scripts/cluster, docs/scaling.md) under load; sourced by
# bench/run after lib.sh. One stage, `cluster`: it makes the corpus and the query
# set itself when they are missing, so `bench/run --quick --only cluster` runs alone.
#
# Every server runs with the result cache off (LONGJING_CACHE_ENTRIES=0), so
# the figures are the engine's: one local index with its bitmaps vs a query node
# over 3 xapian-tcpsrv shards with stock match spies.

CLUSTER_DIR=""

cluster_down() {
  [[ -n $CLUSTER_DIR ]] && "$REPO/scripts/cluster" down --dir "$CLUSTER_DIR" > /dev/null 2>&1
  return 0
}

# A base port with 40 free ports above it (the cluster's layout).
cluster_base_port() {
  python3 - << 'PY'
import random, socket
for _ in range(200):
    base = random.randrange(20000, 59000)
    try:
        for p in range(base, base + 40):
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", p))
    except OSError:
        continue
    print(base)
    break
PY
}

cluster_load() {
  [[ -f $MAIN/queries.txt ]] || { make_corpus && make_queries; }
  CLUSTER_DIR="$WORK/cluster"
  trap cluster_down EXIT
  cluster_down
  rm -rf "$CLUSTER_DIR"
  local base t0=$EPOCHREALTIME
  base=$(cluster_base_port)
  cmd env LONGJING_CACHE_ENTRIES=0 LONGJING_ADMIN_TOKEN="$TOKEN" "$REPO/scripts/cluster" up \
    --dir "$CLUSTER_DIR" --corpus "$MAIN/corpus" --taxonomy "$GEN/taxonomy.json" \
    --base-port "$base" --build "$BUILD" > "$LOGS/cluster-up.log" 2>&1 ||
    { tail -n 20 "$LOGS/cluster-up.log" >&2; return 1; }
  record cluster_up_seconds "$(since "$t0")"
  # shellcheck disable=SC1091
  source "$CLUSTER_DIR/run/ports"
  # The replicas have their first copy when both answer with the writer's count.
  local want
  want=$(curl -sf "http://127.0.0.1:$WRITER/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
  for port in "$REPLICA_1" "$REPLICA_2" "$QUERY"; do
    until [[ $(curl -sf "http://127.0.0.1:$port/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])' 2> /dev/null) == "$want" ]]; do
      sleep 0.2
    done
  done
  record cluster_documents "$want"

  # A full copy of the writer's index, as a new replica takes it.
  t0=$EPOCHREALTIME
  cmd xapian-replicate --host 127.0.0.1 --port "$REPLICATE" --master index --one-shot --quiet \
    "$CLUSTER_DIR/fullcopy"
  record cluster_fullcopy_seconds "$(since "$t0")"
  record cluster_fullcopy_bytes "$(du -sb "$CLUSTER_DIR/fullcopy" | cut -f1)"
  record cluster_index_bytes "$(du -sbL "$CLUSTER_DIR/writer/index/current" | cut -f1)"
  rm -rf "$CLUSTER_DIR/fullcopy"

  # One local index vs the 3-shard query node, same corpus, c=1 then c=8.
  SERVER_URL="http://127.0.0.1:$WRITER"
  run_wrk cluster_warm_local 8 "$WARM" "$MAIN/queries.txt"
  run_wrk cluster_local_c1 1 "$DUR" "$MAIN/queries.txt"
  run_wrk cluster_local_browse 1 "$DUR" "$MAIN/browse.txt"
  SERVER_URL="http://127.0.0.1:$QUERY"
  run_wrk cluster_warm_remote 8 "$WARM" "$MAIN/queries.txt"
  run_wrk cluster_remote_c1 1 "$DUR" "$MAIN/queries.txt"
  run_wrk cluster_remote_browse 1 "$DUR" "$MAIN/browse.txt"
  run_wrk cluster_remote_c8 8 "$DUR" "$MAIN/queries.txt"

  # The floor: the same queries straight through Xapian (bench_floor), on the
  # single index with a custom spy, and on the 3 shards through xapian-tcpsrv
  # with the stock spies: what the remote protocol itself costs.
  local shard_flags=() k
  for k in 1 2 3; do shard_flags+=(--shard "tcp://127.0.0.1:$(eval echo "\$TCPSRV_$k")"); done
  cmd "$BENCH_BIN/bench_floor" --index "$CLUSTER_DIR/writer/index" --queries "$MAIN/queries.txt" \
    --duration "$DUR" --warmup "$WARM" --label local > "$LOGS/floor-cluster-local.log"
  record_kv cluster_floor_local "$(grep '^floor ' "$LOGS/floor-cluster-local.log")"
  cmd "$BENCH_BIN/bench_floor" "${shard_flags[@]}" --queries "$MAIN/queries.txt" \
    --duration "$DUR" --warmup "$WARM" --label remote > "$LOGS/floor-cluster-remote.log"
  record_kv cluster_floor_remote "$(grep '^floor ' "$LOGS/floor-cluster-remote.log")"
  cat "$LOGS/floor-cluster-local.log" "$LOGS/floor-cluster-remote.log"

  # Throughput behind the balancer: 2 replicas, then 1 (replica 2 stopped and
  # marked down by HAProxy's checks).
  SERVER_URL="http://127.0.0.1:$LB"
  run_wrk cluster_lb_warm 8 "$WARM" "$MAIN/queries.txt"
  run_wrk cluster_lb2_c8 8 "$DUR" "$MAIN/queries.txt"
  cmd "$REPO/scripts/cluster" stop replica-2 --dir "$CLUSTER_DIR"
  sleep 2
  run_wrk cluster_lb1_c8 8 "$DUR" "$MAIN/queries.txt"
  cmd env LONGJING_CACHE_ENTRIES=0 "$REPO/scripts/cluster" start replica-2 --dir "$CLUSTER_DIR"
  until curl -sf -o /dev/null "http://127.0.0.1:$REPLICA_2/healthz"; do sleep 0.2; done

  # Replication lag under a steady ingest of 10 articles a second.
  logcmd python3 "$REPO/bench/replication_lag.py" --writer "http://127.0.0.1:$WRITER" \
    --replica "http://127.0.0.1:$REPLICA_1" --replica "http://127.0.0.1:$REPLICA_2" \
    --token "<token>" --rate 10 --seconds "$(( DUR * 2 ))"
  python3 "$REPO/bench/replication_lag.py" --writer "http://127.0.0.1:$WRITER" \
    --replica "http://127.0.0.1:$REPLICA_1" --replica "http://127.0.0.1:$REPLICA_2" \
    --token "$TOKEN" --rate 10 --seconds "$(( DUR * 2 ))" > "$LOGS/replication-lag.log"
  cat "$LOGS/replication-lag.log"
  record_kv cluster_lag "$(grep '^lag ' "$LOGS/replication-lag.log" | cut -d' ' -f2-)"
}
