-- wrk script of the full decision benchmark. Each request posts to /api/v1/decisions for one of the 100,000
-- seeded customers at one of the 100 seeded stores, on a Saturday at 10:00 Paris time, on the push channel.
-- A response counts as bad unless it is HTTP 200 with a decisionId.
local CUSTOMERS = 100000
local STORES = 100
local all_threads = {}
local next_id = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic YXBwOmRlbW8="  -- app:demo, the demo profile's application user

function setup(thread)
  thread:set("seed", 1000 + next_id)
  next_id = next_id + 1
  table.insert(all_threads, thread)
end

function init(args)
  math.randomseed(seed)
  bad = 0
end

function request()
  local body = string.format('{"customerId":"bench-%d","storeId":"bench-store-%d","channel":"PUSH",'
      .. '"at":"2026-12-05T09:00:00Z","maxOffers":3}', math.random(1, CUSTOMERS), math.random(0, STORES - 1))
  return wrk.format(nil, "/api/v1/decisions", nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"decisionId"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, thread in ipairs(all_threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("WRKRESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
      .. "max_ms=%.2f socket_errors=%d non2xx=%d bad_responses=%d\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      errors.connect + errors.read + errors.write + errors.timeout, errors.status, bad_total))
end
