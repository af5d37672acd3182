import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("propose", "solution", ["方案", "解决方案"]);
