import { entryVoidCommand } from "./shared/entries.js";

export default entryVoidCommand("expense");
