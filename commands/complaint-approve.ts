import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("approve", "comment", ["批示", "意见"]);
