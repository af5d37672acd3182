import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("reopen", "reason", ["理由", "原因"]);
