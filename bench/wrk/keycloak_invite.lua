-- Keycloak's POST /admin/realms/{realm}/organizations/{id}/members/invite-user (a form), each with a
-- new email address; Keycloak sends the invitation's email before it answers 204.
-- args: admin access token, email prefix
function init(args)
  token = args[1]
  prefix = args[2]
end

function request()
  sent = sent + 1
  local body = "email=" .. prefix .. "-" .. id .. "-" .. sent .. "%40bench.test&firstName=Ada&lastName=Lovelace"
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Bearer " .. token}, body)
end
