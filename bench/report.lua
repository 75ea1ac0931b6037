-- Prints one JSON line with what bench/run.py needs: throughput, the
-- 50th and 95th percentile latency and every failed request (socket errors
-- and non-2xx/3xx answers alike).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'JSON {"requests": %d, "rps": %.2f, "p50_ms": %.2f, "p95_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
