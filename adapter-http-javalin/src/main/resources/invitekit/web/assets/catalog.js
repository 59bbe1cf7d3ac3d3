// The names the default configuration knows. Permissions and flags the server reports beyond
// these (a deployment may register more flags) are added where they are seen.
export const TIERS = ["FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE"];
export const DEFAULT_TIER = "PROFESSIONAL";
export const PERMISSIONS = ["can_accept_payments", "can_use_custom_domain", "can_white_label", "can_api_access",
  "can_manage_oauth_credentials"];
export const FLAGS = ["video_conferencing", "event_types", "calendars", "two_factor_auth", "audit_logs", "data_deletion",
  "point_of_sale", "mobile_app"];
