import { joinForm } from "./join-form.js";
import { ready, signedInPage } from "./ui.js";

const me = await signedInPage("join.title");
joinForm(me);
ready();
document.getElementById("join-code").focus();
