-- wrk script: GET /api/v1/customers/bench-N for random N among the 1,000,000 seeded profiles, as marketer:demo.
wrk.headers["Authorization"] = "Basic bWFya2V0ZXI6ZGVtbw=="
request = function()
  return wrk.format("GET", "/api/v1/customers/bench-" .. math.random(1, 1000000))
end
