-- POST a JSON body BENCH_TOTAL times in all (BENCH_THREADS wrk threads share them): to create API keys in bulk
-- or to fill the audit log. "%d" in BENCH_BODY is replaced by a number unique to the request; BENCH_AUTH is the
-- Authorization header. Once a thread has its share of responses it stops and creates the file
-- <BENCH_DONE_DIR>/<thread number>; run.sh then ends wrk with SIGINT (wrk would otherwise wait for its whole -d
-- duration) and wrk prints its summary. Requests in flight when a thread stops (at most one per connection of
-- that thread) still reach the server: a few more than asked may be made. At BENCH_DEADLINE (epoch seconds) a
-- thread stops too, and creates <BENCH_DONE_DIR>/timeout.
local auth = os.getenv("BENCH_AUTH")
local template = os.getenv("BENCH_BODY") or "{}"
local total = tonumber(os.getenv("BENCH_TOTAL") or "1")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local done_dir = os.getenv("BENCH_DONE_DIR")
local deadline = tonumber(os.getenv("BENCH_DEADLINE") or "0")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  sent, done, finished = 0, 0, false
  share = math.floor(total / nthreads) + ((tid <= total % nthreads) and 1 or 0)
  headers = { ["Content-Type"] = "application/json" }
  if auth and auth ~= "" then
    headers["Authorization"] = auth
  end
end

function request()
  sent = sent + 1
  local body = string.gsub(template, "%%d", tostring(tid * 1000000000 + sent))
  return wrk.format("POST", nil, headers, body)
end

local function touch(name)
  if done_dir then
    local f = io.open(done_dir .. "/" .. name, "w")
    if f then f:close() end
  end
end

function response(status, headers, body)
  done = done + 1
  if finished then
    return
  end
  local late = deadline > 0 and os.time() >= deadline
  if done >= share or late then
    finished = true
    if late then
      touch("timeout")
    end
    touch(tostring(tid))
    wrk.thread:stop()
  end
end
