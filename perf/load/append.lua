-- wrk script: appends a message to one of the conversations listed in CONVERSATIONS (comma
-- separated), round robin, with the bearer credential in KEY; prints p50/p99 and req/s as JSON.
local ids = {}
for id in string.gmatch(os.getenv("CONVERSATIONS") or "c_none", "[^,]+") do ids[#ids + 1] = id end
local key = os.getenv("KEY") or ""
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
wrk.body = '{"role":"user","content":"The quick brown fox jumps over the lazy dog, again and again."}'

request = function()
  n = n + 1
  return wrk.format(nil, "/v1/conversations/" .. ids[(n % #ids) + 1] .. "/messages")
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format('{"requests":%d,"errors":%d,"non2xx":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
