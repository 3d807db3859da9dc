# Near-duplicates (sourced by bench/run after lib.sh; docs/duplicates.md).
# A corpus of its own, at DUPES_N articles whatever the run's size (20,000;
# 2,000 with --smoke), with planted near-copies and distinct same-topic
# articles (make-corpus --dupes). Measures: recall of the planted copy pairs
# and distinct pairs grouped (check-dupes), the share of a full build spent
# on near-duplicates (fingerprints + grouping, from longjing-index's summary),
# and what collapsing adds to the query p50 (bench_collapse: collapse on and
# off, interleaved, in one process).

dupes() {
  local dir="$WORK/dupes-$DUPES_N-seed$SEED-$GEN_VERSION" t0
  if [[ ! -f $dir/.complete ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    cmd python3 "$REPO/bench/make-corpus" --out "$dir/corpus" --count "$DUPES_N" --seed "$SEED" \
      --jsonl "$dir/corpus.jsonl" --taxonomy-out "$dir/taxonomy.json" --dupes "$dir/dupes.jsonl" \
      > "$LOGS/make-dupes.log" 2>&1 || { tail "$LOGS/make-dupes.log" >&2; return 1; }
    touch "$dir/.complete"
  fi
  rm -rf "$dir/index"
  t0=$EPOCHREALTIME
  cmd "$BIN/longjing-index" --taxonomy "$dir/taxonomy.json" --corpus "$dir/corpus" \
    --index "$dir/index" --full > "$LOGS/dupes_index.log" 2>&1 || { tail "$LOGS/dupes_index.log" >&2; return 1; }
  record dupes_index_seconds "$(since "$t0")"
  record dupes_index_bytes "$(du -sbL "$dir/index/current" | cut -f1)"
  local summary dedup total
  summary=$(grep '^longjing-index:' "$LOGS/dupes_index.log" | tail -n 1)
  echo "$summary"
  dedup=$(grep -o 'near-duplicate groups ([0-9.]* s)' <<< "$summary" | grep -o '[0-9.]*')
  total=$(grep -o 'in [0-9.]* s;' <<< "$summary" | grep -o '[0-9.]*')
  record dupes_articles "$(grep -o 'added [0-9]*' <<< "$summary" | grep -o '[0-9]*')"
  record dupes_grouped "$(grep -o '; [0-9]* in near-duplicate' <<< "$summary" | grep -o '[0-9]*')"
  record dupes_dedup_seconds "$dedup"
  record dupes_dedup_pct "$(awk -v d="$dedup" -v t="$total" 'BEGIN { printf "%.1f", (t > 0) ? 100 * d / t : 0 }')"
  cmd "$BENCH_BIN/bench_dump_tags" --index "$dir/index" --out "$dir/tags.jsonl" 2> "$LOGS/dupes_dump.log"
  cmd python3 "$REPO/bench/check-dupes" "$dir/dupes.jsonl" "$dir/tags.jsonl" > "$LOGS/check-dupes.log"
  cat "$LOGS/check-dupes.log"
  record dupes_recall "$(awk '$1 == "copy_pairs" { print $4 }' "$LOGS/check-dupes.log")"
  record dupes_copy_pairs "$(awk '$1 == "copy_pairs" { print $2 }' "$LOGS/check-dupes.log")"
  record dupes_distinct_pairs "$(awk '$1 == "distinct_pairs" { print $2 }' "$LOGS/check-dupes.log")"
  record dupes_distinct_grouped "$(awk '$1 == "distinct_pairs" { print $4 }' "$LOGS/check-dupes.log")"
  cmd python3 "$REPO/bench/make_queries.py" --jsonl "$dir/corpus.jsonl" --taxonomy "$dir/taxonomy.json" \
    --articles "$DUPES_N" --out "$dir" --mix "$MIX" --browse "$BROWSE" > "$LOGS/dupes_queries.log"
  dupes_incremental "$dir"
  cmd "$BENCH_BIN/bench_collapse" --index "$dir/index" --taxonomy "$dir/taxonomy.json" \
    --queries "$dir/queries.txt" --rounds 3 > "$LOGS/collapse.log"
  cat "$LOGS/collapse.log"
  record_kv collapse "$(grep '^collapse ' "$LOGS/collapse.log")"
}

# Incremental group upkeep, at its most expensive: 1 % of the articles copied
# into a new folder (each copy joins its original's group), one pass; then
# the folder removed (each group shrinks back, dissolves, or promotes), one
# pass. Records each pass's seconds and its near-duplicate seconds.
dupes_incremental() {
  local dir=$1 extra="$1/corpus/zz-bench-copies" pass summary
  rm -rf "$extra"
  mkdir -p "$extra"
  find "$dir/corpus/0000" -name '*.md' | sort | awk -v n=$(( DUPES_N / 100 )) 'NR <= n' | xargs -r cp -t "$extra"
  for pass in add remove; do
    [[ $pass == remove ]] && rm -rf "$extra"
    cmd "$BIN/longjing-index" --taxonomy "$dir/taxonomy.json" --corpus "$dir/corpus" \
      --index "$dir/index" > "$LOGS/dupes_incr_$pass.log" 2>&1 || { tail "$LOGS/dupes_incr_$pass.log" >&2; return 1; }
    summary=$(grep '^longjing-index:' "$LOGS/dupes_incr_$pass.log" | tail -n 1)
    echo "$summary"
    record "dupes_incr_${pass}_seconds" "$(grep -o 'in [0-9.]* s;' <<< "$summary" | grep -o '[0-9.]*')"
    record "dupes_incr_${pass}_dedup_seconds" \
      "$(grep -o 'near-duplicate groups ([0-9.]* s)' <<< "$summary" | grep -o '[0-9.]*')"
  done
}
