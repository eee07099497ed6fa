-- POST /swaig/ calling get_balance (not secure). get_balance allows 10 calls a minute per caller, so every
-- request carries a new caller_id_num (run number, thread number, counter) to measure the function, not the
-- per-function limiter. BENCH_AUTH: the Authorization header; BENCH_RUN: a number unique to this wrk run.
local auth = os.getenv("BENCH_AUTH")
local run = tonumber(os.getenv("BENCH_RUN") or "0") % 100
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  counter = 0
  prefix = string.format("+1%02d%02d", run, tid % 100)
  headers = { ["Authorization"] = auth, ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local body = '{"function":"get_balance","argument":{"parsed":[{}]},"call_id":"bench-1","caller_id_num":"'
      .. prefix .. string.format("%09d", counter) .. '"}'
  return wrk.format("POST", nil, headers, body)
end
