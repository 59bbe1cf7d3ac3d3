-- POST a JSON object with a unique email to the URL (the baseline's POST /json).
-- args: prefix
function init(args)
  prefix = args[1] or "x"
end

function request()
  sent = sent + 1
  local body = '{"email":"' .. prefix .. '-' .. id .. '-' .. sent .. '@bench.test"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
