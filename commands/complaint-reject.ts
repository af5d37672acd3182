import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("reject", "reason", ["理由", "原因"]);
