-- wrk reports requests/s and a latency histogram; print what the table needs as one JSON line.
done = function(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
   io.write(string.format(
      'BENCH {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, "errors": %d}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
