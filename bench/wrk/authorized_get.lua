-- GET the URL as a signed-in user. args: access token
function init(args)
  token = args[1]
end

function request()
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. token, ["X-Forwarded-For"] = client_address()})
end
