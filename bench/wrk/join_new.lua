-- POST /api/join as users who are not yet members, so that every answer writes a membership:
-- each request takes the next "token code" pair from a file (one pair per line, each used once;
-- the driver makes more joins than a run can use). args: pair file, wrk thread count
function init(args)
  joins = {}
  for line in io.lines(args[1]) do
    local token, code = line:match("^(%S+)%s+(%S+)$")
    joins[#joins + 1] = {token, code}
  end
  thread_count = tonumber(args[2])
  taken = 0
end

function request()
  taken = taken + 1
  local pair = joins[((taken - 1) * thread_count + id - 1) % #joins + 1]
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. pair[1],
    ["X-Forwarded-For"] = client_address()}, '{"code":"' .. pair[2] .. '"}')
end
