-- GET the preview of a random one of n loaded invitations, whose tokens are "scale" followed by
-- the row number padded to 38 digits (see ScalePhase). The URL is the server's base. args: n
function init(args)
  rows = tonumber(args[1])
  math.randomseed(id * 7919)
end

function request()
  local g = math.random(1, rows)
  local token = "scale" .. string.format("%038d", g)
  return wrk.format("GET", "/api/platform/tenant-invitations/token/" .. token,
    {["X-Forwarded-For"] = client_address()})
end
