import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("assign", "party", ["责任单位", "责任人"]);
