import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("review", "measures", ["预防措施", "措施"]);
