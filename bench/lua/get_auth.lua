-- GET with an Authorization header taken from the environment (BENCH_AUTH, e.g. "Basic YmVuY2g6...").
-- Used by swml_basic (right password), basic_failed (wrong password) and basic_404.
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end
wrk.method = "GET"
