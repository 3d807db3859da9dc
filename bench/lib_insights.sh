# The insights endpoints under wrk (sourced by bench/run after lib.sh).
# Each runs at c=1 against a server with the result cache off, over the
# same selections as the query mix: the browse subset (filters only) and the
# text queries; the text queries also run as /api/search, so that the pivot
# and trends times can be read as ratios to that query's search time.

# insights_queries: writes $MAIN/insights-*.txt (full paths; querymix.lua
# takes a line starting with "/" as the whole path).
insights_queries() {
  python3 - "$MAIN" << 'PY'
import sys, urllib.parse as u
main = sys.argv[1]
def sel(line):
    kept = [(k, v) for k, v in u.parse_qsl(line.strip(), keep_blank_values=False)
            if k not in ("sort", "page", "per_page")]
    return u.urlencode(kept)
browse = [sel(l) for l in open(main + "/browse.txt") if l.strip()]
text = [s for s in (sel(l) for l in open(main + "/queries.txt") if l.strip())
        if any(k == "q" for k, _ in u.parse_qsl(s))]
def write(name, prefix, lines):
    with open("%s/insights-%s.txt" % (main, name), "w") as f:
        for s in lines:
            f.write(prefix + (("&" + s) if s else "") + "\n")
write("search_text", "/api/search?per_page=10", text)
write("pivot_browse", "/api/pivot?rows=city&cols=policy", browse)
write("pivot_text", "/api/pivot?rows=city&cols=policy", text)
write("trends_browse", "/api/trends?facet=city&interval=month&size=8", browse)
write("trends_text", "/api/trends?facet=city&interval=month&size=8", text)
facets = ["city", "company", "policy"]
for name, lines in (("browse", browse), ("text", text)):
    with open("%s/insights-sig_facets_%s.txt" % (main, name), "w") as f:
        for i, s in enumerate(lines):
            f.write("/api/significant?facet=%s%s\n" % (facets[i % 3], ("&" + s) if s else ""))
write("sig_terms", "/api/significant?facet=terms", browse + text)
# The page's selections, browsing and text queries alternating.
with open(main + "/insights-page.txt", "w") as f:
    for i in range(max(len(browse), len(text))):
        for lines in (browse, text):
            if i < len(lines): f.write(lines[i] + "\n")
PY
}

insights_load() {
  insights_queries
  start_server nowatch "$MAIN/index" "$MAIN/corpus" server-insights 0
  run_wrk insights_warmup 2 "$WARM" "$MAIN/insights-pivot_browse.txt"
  local name
  for name in search_text pivot_browse pivot_text trends_browse trends_text sig_facets_browse sig_facets_text \
    sig_terms; do
    run_wrk "insights_$name" 1 "$DUR" "$MAIN/insights-$name.txt"
  done
  insights_page
  stop_server
}

# The page's Insights view in Chromium (scripts/setup --browser): all
# panels drawn after a selection change, over the page's selections.
insights_page() {
  local node_modules="$REPO/tests/e2e/node_modules/playwright-core"
  if ! command -v node > /dev/null || [[ ! -x ${CHROMIUM:-/usr/bin/chromium} || ! -d $node_modules ]]; then
    echo "insights_page: skipped (needs scripts/setup --browser and tests/e2e's npm ci)"
    return 0
  fi
  local count=40
  [[ $MODE == smoke ]] && count=8
  cmd env LONGJING_URL="$SERVER_URL/" node "$REPO/bench/insights_page.mjs" \
    "$MAIN/insights-page.txt" "$count" > "$LOGS/insights-page.log" 2>&1 ||
    { cat "$LOGS/insights-page.log" >&2; return 1; }
  local line
  line=$(grep '^insights_page ' "$LOGS/insights-page.log")
  echo "$line"
  record_kv insights_page "$line"
}
