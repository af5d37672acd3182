import { complaintStepCommand } from "./shared/complaint-step.js";

export default complaintStepCommand("validate", "finding", ["判定", "说明"]);
