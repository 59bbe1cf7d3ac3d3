-- POST /api/platform/tenant-invitations/ as a platform admin, each with a new email address.
-- args: admin access token, email prefix
function init(args)
  token = args[1]
  prefix = args[2]
end

function request()
  local n = sent
  local body = '{"email":"' .. prefix .. '-' .. id .. '-' .. n .. '@bench.test"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
    ["X-Forwarded-For"] = client_address()}, body)
end
