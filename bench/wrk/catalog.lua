-- Catalog requests with a bearer token (TOKEN): CATALOG_KIND=browse (first page, popular, 20 titles), detail (one
-- title, picked at random from the ids in the file TITLE_IDS, one per line) or search (q = one of the words of
-- bench/pgbench/search-words.txt, in turn). Each thread's random sequence is seeded by its number, so two runs
-- (Marquee, the raw baseline) ask for the same titles. RAW_VERIFY=1 adds the header X-Raw-Verify, which makes the raw
-- baseline verify the token's signature (Marquee ignores it). Prints a JSON summary at the end.
local kind = os.getenv("CATALOG_KIND") or "browse"
local token = os.getenv("TOKEN")
local verify = os.getenv("RAW_VERIFY") == "1"
local words = {}
for w in string.gmatch(os.getenv("SEARCH_WORDS") or "ember", "[^,]+") do table.insert(words, w) end
local ids = {}
local i = 0
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(seed or 1)
  if kind == "detail" then
    for line in io.lines(os.getenv("TITLE_IDS")) do
      if #line > 0 then table.insert(ids, line) end
    end
  end
end

request = function()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
  if verify then headers["X-Raw-Verify"] = "1" end
  if kind == "search" then
    i = i % #words + 1
    return wrk.format("GET", "/api/v1/search?q=" .. words[i] .. "&limit=20", headers)
  end
  if kind == "detail" then
    return wrk.format("GET", "/api/v1/titles/" .. ids[math.random(#ids)], headers)
  end
  return wrk.format("GET", "/api/v1/titles?sort=popular&limit=20", headers)
end

done = function(summary, latency, requests)
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p99_us":%d}\n',
    summary.requests, summary.bytes, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
