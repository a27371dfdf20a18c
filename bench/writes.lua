-- Writes under a crowd, for bench/http.sh: each request is one person's form post (a ballot or
-- a comment) with that person's own session, never twice the same person, from an address of
-- its own (the server trusts X-Forwarded-For, as behind the city's reverse proxy, so the per
-- address limits meet a crowd rather than one machine). Counts the posts acknowledged (200),
-- which the script compares with the rows stored afterwards.
--   wrk -t THREADS -s bench/writes.lua URL -- TOKENS_FILE PATH BODY THREADS
-- BODY is the form, the same for everyone. Once every token is used, the threads ask
-- /healthz instead (not counted), so give more tokens than the run can use.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  for line in io.lines(args[1]) do
    table.insert(tokens, line)
  end
  path, body, step = args[2], args[3], tonumber(args[4])
  -- Thread k takes tokens k+1, k+1+step, …: no two threads post for one person.
  nexti = id + 1
  acks, refused, posted = 0, 0, 0
end

function request()
  if nexti > #tokens then
    return wrk.format("GET", "/healthz")
  end
  local i = nexti
  nexti = nexti + step
  posted = posted + 1
  local headers = {
    ["Cookie"] = "convention_session=" .. tokens[i],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = "http://" .. wrk.host .. ":" .. wrk.port,
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256),
  }
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, resp)
  if status == 200 and resp ~= "ok\n" then
    acks = acks + 1
  elseif status ~= 200 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local a, r, p = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acks")
    r = r + t:get("refused")
    p = p + t:get("posted")
  end
  io.write(string.format("acknowledged %d refused %d posted %d\n", a, r, p))
end
