-- POST a fixed JSON body (BENCH_BODY) with an Authorization header (BENCH_AUTH) to the URL's path.
-- Used by swaig_secure (Basic + function token in the URL) and the invoke_* scenarios (Bearer).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or "{}"
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
