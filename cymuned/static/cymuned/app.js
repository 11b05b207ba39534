// Mark the page as able to run the NHS.UK components (their CSS keys off these classes), then
// start them. Kept in a file, not inline, so the content security policy can forbid inline script.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
