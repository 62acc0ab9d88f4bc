-- Random requests from a list (bench/scenarios/packaging.sh): SEGMENT_LIST has one request a line,
-- "PATH<TAB>RANGE<TAB>LENGTH" (RANGE "-" for none, else "first-last"); each wrk thread is seeded by its number, so
-- two runs over lists in the same order ask for the same items in the same order. Every response is checked: status
-- 200 (206 for a range) and a body of the expected length: the Content-Range's for a range, else the length EXPECTED
-- lists for the response's ETag ("ETAG<TAB>LENGTH" lines). Prints a JSON summary at the end (ranges.lua's, plus "ok",
-- "bad", "body_bytes" and "first_bad", the first wrong answer).
local paths, ranges, expected = {}, {}, {}
for line in io.lines(os.getenv("SEGMENT_LIST")) do
  local path, range = line:match("^([^\t]+)\t([^\t]+)")
  paths[#paths + 1] = path
  ranges[#paths] = range ~= "-" and range or false
end
local expected_file = os.getenv("EXPECTED")
if expected_file and expected_file ~= "" then
  for line in io.lines(expected_file) do
    local etag, length = line:match("^(.+)\t(%d+)$")
    expected[etag] = tonumber(length)
  end
end

local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(seed or 0)
  ok, bad, body_bytes, first_bad = 0, 0, 0, ""
end

request = function()
  local i = math.random(#paths)
  if ranges[i] then
    return wrk.format("GET", paths[i], { ["Range"] = "bytes=" .. ranges[i] })
  end
  return wrk.format("GET", paths[i])
end

response = function(status, headers, body)
  local fields = {}
  for k, v in pairs(headers) do fields[k:lower()] = v end
  local want
  local first, last = (fields["content-range"] or ""):match("^bytes (%d+)-(%d+)/")
  if first then
    want = (status == 206) and (tonumber(last) - tonumber(first) + 1) or nil
  elseif status == 200 then
    want = expected[fields["etag"] or ""]
  end
  body_bytes = body_bytes + #body
  if want ~= nil and #body == want then
    ok = ok + 1
  else
    bad = bad + 1
    if first_bad == "" then
      first_bad = status .. " " .. #body .. " bytes, expected " .. tostring(want) .. " (etag " ..
        tostring(fields["etag"]) .. ")"
    end
  end
end

done = function(summary, latency, requests)
  local all_ok, all_bad, all_bytes, sample = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    all_ok = all_ok + t:get("ok")
    all_bad = all_bad + t:get("bad")
    all_bytes = all_bytes + t:get("body_bytes")
    if sample == "" then sample = t:get("first_bad") end
  end
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d,"lat_mean_us":%.1f,"ok":%d,"bad":%d,"body_bytes":%d,"first_bad":"%s"}\n',
    summary.requests, summary.bytes, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    all_ok, all_bad, all_bytes, (sample:gsub('[\\"]', "'"))))
end
