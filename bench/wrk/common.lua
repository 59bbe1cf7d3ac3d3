-- Shared by every script (bench/run appends it): thread numbering, client addresses, and a
-- machine-readable summary line. Each wrk thread has its own Lua state; "id" is set by setup().
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

-- A distinct client address per request (10.<thread>.x.y), for the server's per-address limits:
-- the bench server trusts X-Forwarded-For from 127.0.0.1, as behind a reverse proxy.
sent = 0
function client_address()
  sent = sent + 1
  local n = sent % 60000
  return "10." .. id .. "." .. math.floor(n / 250) .. "." .. (n % 250)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"status_errors":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
