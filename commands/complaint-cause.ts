import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("cause", "cause", ["原因", "分析"]);
