-- Random byte ranges of one object: OBJECT_SIZE bytes in all, RANGE_BYTES per request (default 1 MiB),
-- RANGE_FIXED=1 for always the first RANGE_BYTES (time-to-first-byte runs). Prints a JSON summary at the end.
local size = tonumber(os.getenv("OBJECT_SIZE"))
local chunk = tonumber(os.getenv("RANGE_BYTES") or "1048576")
local fixed = os.getenv("RANGE_FIXED") == "1"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

request = function()
  local first = 0
  if not fixed then
    first = math.random(0, size - chunk)
  end
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. first .. "-" .. (first + chunk - 1) })
end

done = function(summary, latency, requests)
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d,"lat_mean_us":%.1f}\n',
    summary.requests, summary.bytes, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean))
end
