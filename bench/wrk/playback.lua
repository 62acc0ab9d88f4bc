-- Playback start then end, over and over: POST /api/v1/playback {titleId}, then DELETE the lease it returned, so a
-- plan's stream limit is never reached. Run with as many threads as connections (wrk -tN -cN): each thread is then
-- one viewer on one connection, alternating strictly, with its own profile-scoped token (line N of the file TOKENS,
-- one account per line) and its own title (line N of the file TITLE_IDS), or every viewer on the title TITLE_ID.
-- Lines are reused in turn when a file has fewer lines than there are threads.
-- Prints a JSON summary at the end: starts (201), ends (204), other answers, and wrk's totals.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local function lines(file)
  local all = {}
  for line in io.lines(file) do
    if #line > 0 then table.insert(all, line) end
  end
  return all
end

function init(args)
  local tokens = lines(os.getenv("TOKENS"))
  local titles = os.getenv("TITLE_IDS") and lines(os.getenv("TITLE_IDS")) or { os.getenv("TITLE_ID") }
  auth = "Bearer " .. tokens[(number - 1) % #tokens + 1]
  body = '{"titleId":"' .. titles[(number - 1) % #titles + 1] .. '","deviceName":"wrk"}'
  starts, ends, others = 0, 0, 0
end

request = function()
  if lease then
    return wrk.format("DELETE", "/api/v1/playback/" .. lease, { ["Authorization"] = auth })
  end
  return wrk.format("POST", "/api/v1/playback",
    { ["Authorization"] = auth, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

response = function(status, headers, response_body)
  if status == 201 then
    starts = starts + 1
    lease = string.match(response_body, '"leaseId":"([%x%-]+)"')
  elseif status == 204 then
    ends = ends + 1
    lease = nil
  else
    others = others + 1
    if others <= 3 then io.write("unexpected " .. status .. ": " .. string.sub(response_body or "", 1, 300) .. "\n") end
    lease = nil
  end
end

done = function(summary, latency, requests)
  local s, e, o = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("starts"); e = e + t:get("ends"); o = o + t:get("others")
  end
  io.write(string.format(
    'JSON {"starts":%d,"ends":%d,"others":%d,"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p99_us":%d}\n',
    s, e, o, summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
