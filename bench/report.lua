-- wrk's script for bench/run.py. With a file named after "--" (one address
-- a line), each request asks for the next address of it, so that no
-- address is asked twice in a run: every answer is a first visit, the page
-- rendered afresh, as after any change to the record (the two threads
-- start at opposite ends). Without one, every request asks for wrk's URL.
-- Prints one JSON line: throughput, the 50th and 95th percentile latency,
-- every failed request (socket errors and non-2xx/3xx answers alike), and
-- how many answers were stored pages (X-Cache: hit).
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  hits = 0
  if args[1] == nil then
    return
  end
  paths = {}
  for line in io.lines(args[1]) do
    table.insert(paths, line)
  end
  step = id == 0 and 1 or -1
  position = id == 0 and 0 or #paths + 1
  request = function()
    position = position + step
    if position < 1 or position > #paths then
      position = step == 1 and 1 or #paths
    end
    return wrk.format("GET", paths[position])
  end
end

function response(status, headers, body)
  if headers["X-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local stored = 0
  for _, thread in ipairs(threads) do
    stored = stored + (thread:get("hits") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'JSON {"requests": %d, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, "errors": %d, "stored": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors, stored))
end
