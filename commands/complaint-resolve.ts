import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("resolve", "feedback", ["客户意见", "反馈"]);
