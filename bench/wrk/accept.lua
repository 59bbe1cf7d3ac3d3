-- POST .../token/{token}/accept: each request accepts another invitation (a new owner account,
-- tenant and subdomain). Tokens come from a file, one per line; thread i of n takes every n-th.
-- The URL is the server's base. args: token file, thread count, subdomain prefix
function init(args)
  tokens = {}
  local i = 0
  local n = tonumber(args[2])
  for line in io.lines(args[1]) do
    if i % n == id - 1 then
      tokens[#tokens + 1] = line
    end
    i = i + 1
  end
  prefix = args[3]
  next_token = 0
end

function request()
  next_token = next_token + 1
  local token = tokens[next_token] or "exhausted-the-token-list-xxxxxxxxxxxxxxxxxxx"
  local body = '{"password":"the owner password","first_name":"Grace","last_name":"Hopper",' ..
    '"business_name":"Bench Bakery","subdomain":"' .. prefix .. '-' .. id .. '-' .. next_token .. '"}'
  return wrk.format("POST", "/api/platform/tenant-invitations/token/" .. token .. "/accept",
    {["Content-Type"] = "application/json", ["X-Forwarded-For"] = client_address()}, body)
end
