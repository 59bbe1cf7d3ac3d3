// The page for an address that leads nowhere (the server answers 404 with it).
import { publicPage, ready } from "./ui.js";

await publicPage("notfound.title");
ready(true);
