import { entryListCommand } from "./shared/entries.js";

export default entryListCommand("order");
