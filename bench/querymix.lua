-- wrk script: cycles through a query mix, one URL query string per line
-- (bench/make_queries.py writes them; bench_floor reads the same files), as
-- GET /api/search?<line>, or GET <line> for a line starting with "/". Each wrk thread starts at its own place in the list.
--
--   wrk -t2 -c8 -d30s -s bench/querymix.lua http://127.0.0.1:8080 -- queries.txt
--
-- done() prints one line that bench/run reads:
--   wrk_result requests=.. seconds=.. qps=.. p50_ms=.. p99_ms=.. max_ms=..
--              non2xx=.. socket_errors=.. timeouts=..

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end

function init(args)
  local path = args[1] or "queries.txt"
  queries = {}
  for line in io.lines(path) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      -- a line starting with "/" is a whole path (the insights endpoints)
      table.insert(queries, line:sub(1, 1) == "/" and line or "/api/search?" .. line)
    end
  end
  if #queries == 0 then
    error("no queries in " .. path)
  end
  non2xx = 0
  -- thread k of n starts at (k-1)/n of the list; wrk has started them all by now
  local nthreads = tonumber(args[2]) or 1
  next_query = math.floor((index - 1) * #queries / nthreads) % #queries + 1
end

function request()
  local path = queries[next_query]
  next_query = next_query % #queries + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non = 0
  for _, thread in ipairs(threads) do
    non = non + (thread:get("non2xx") or 0)
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "wrk_result requests=%d seconds=%.3f qps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "mean_ms=%.3f non2xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    latency.mean / 1000, non, e.connect + e.read + e.write, e.timeout))
end
