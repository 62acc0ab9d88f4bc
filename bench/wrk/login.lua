-- POST /api/v1/auth/login with LOGIN_EMAIL and LOGIN_PASSWORD, over and over. Prints a JSON summary at the end.
local body = '{"email":"' .. os.getenv("LOGIN_EMAIL") .. '","password":"' .. os.getenv("LOGIN_PASSWORD") .. '"}'

request = function()
  return wrk.format("POST", "/api/v1/auth/login",
    { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_status":%d,"errors_timeout":%d,"lat_p50_us":%d,"lat_p99_us":%d}\n',
    summary.requests, summary.bytes, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
