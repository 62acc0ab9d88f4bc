-- Catalog requests with a bearer token (TOKEN): CATALOG_KIND=browse (first page, popular, 20 titles) or
-- search (q = one of the words of bench/pgbench/search-words.txt, in turn). Prints a JSON summary at the end.
local kind = os.getenv("CATALOG_KIND") or "browse"
local token = os.getenv("TOKEN")
local words = {}
for w in string.gmatch(os.getenv("SEARCH_WORDS") or "ember", "[^,]+") do table.insert(words, w) end
local i = 0

request = function()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if kind == "search" then
    i = i % #words + 1
    return wrk.format("GET", "/api/v1/search?q=" .. words[i] .. "&limit=20", headers)
  end
  return wrk.format("GET", "/api/v1/titles?sort=popular&limit=20", headers)
end

done = function(summary, latency, requests)
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p99_us":%d}\n',
    summary.requests, summary.bytes, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
