-- wrk script: OpenAI-style chat completions with the bearer credential in KEY and the model in
-- MODEL; prints p50/p99 and req/s as JSON (same output as append.lua).
local key = os.getenv("KEY") or ""
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.headers["Content-Type"] = "application/json"
if key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
wrk.body = '{"model":"' .. (os.getenv("MODEL") or "fast") .. '","messages":[{"role":"user","content":"What is the capital of France, in one word?"}]}'

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format('{"requests":%d,"errors":%d,"non2xx":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
