-- POST /api/join with a tenant's code, as users who are already members of it (the answer is
-- 200 already_member). The users' access tokens are read from a file, one per line, and taken
-- in turn. args: code, token file
function init(args)
  code = args[1]
  tokens = {}
  for line in io.lines(args[2]) do
    tokens[#tokens + 1] = line
  end
end

function request()
  local token = tokens[(sent + id) % #tokens + 1]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
    ["X-Forwarded-For"] = client_address()}, '{"code":"' .. code .. '"}')
end
