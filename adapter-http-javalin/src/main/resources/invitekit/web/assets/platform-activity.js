import { activityList } from "./activity.js";
import { t } from "./i18n.js";
import { fatal, isAdmin, ready, signedInPage } from "./ui.js";

const me = await signedInPage("activity.title");
if (!isAdmin(me)) {
  fatal(t("admin.only"));
  await new Promise(() => {});
}

const load = activityList("/api/platform/audit-events",
  { body: "activity", empty: "activity-empty", more: "activity-more", error: "activity-error" });
await load();
ready();
