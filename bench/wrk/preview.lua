-- GET an invitation preview (the URL names the token), each request from another client address.
function request()
  return wrk.format("GET", nil, {["X-Forwarded-For"] = client_address()})
end
