/**
 * The complaint workflow (投诉处理) as a state machine: each action a command takes, the states it
 * may be taken from, and the state it leads to. Everything else about a step (who, when, the text)
 * is recorded by the service.
 */
export const COMPLAINT_STATUSES = [
  "recorded",
  "validated",
  "rejected",
  "assigned",
  "analysed",
  "proposed",
  "approved",
  "resolved",
  "reviewed",
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = [
  "validate",
  "reject",
  "assign",
  "cause",
  "propose",
  "approve",
  "resolve",
  "review",
  "reopen",
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

interface Transition {
  from: readonly ComplaintStatus[];
  to(from: ComplaintStatus): ComplaintStatus;
  /** The step says something that must not be empty: a reason, the party, a cause, a solution. */
  textRequired: boolean;
  /** Only a manager (of the owner's team) or an admin may take it: 领导批示. */
  managerOnly?: boolean;
}

const to = (status: ComplaintStatus) => () => status;

export const TRANSITIONS: Record<ComplaintAction, Transition> = {
  validate: { from: ["recorded"], to: to("validated"), textRequired: false },
  reject: { from: ["recorded"], to: to("rejected"), textRequired: true },
  assign: { from: ["validated"], to: to("assigned"), textRequired: true },
  cause: { from: ["assigned"], to: to("analysed"), textRequired: true },
  // A solution may be revised until a manager approves it.
  propose: { from: ["analysed", "proposed"], to: to("proposed"), textRequired: true },
  approve: { from: ["proposed"], to: to("approved"), textRequired: false, managerOnly: true },
  resolve: { from: ["approved"], to: to("resolved"), textRequired: false },
  review: { from: ["resolved"], to: to("reviewed"), textRequired: true },
  // A failed solution needs a new one; a wrongly rejected complaint is judged again.
  reopen: {
    from: ["resolved", "reviewed", "rejected"],
    to: (from) => (from === "rejected" ? "recorded" : "analysed"),
    textRequired: true,
  },
};

/** The actions open from a state, in workflow order. */
export function nextActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

/** The deadlines (*default* 1, 3 and 7 working days): to validate, to a proposed solution, to resolution. */
export const MILESTONES = ["validate", "propose", "resolve"] as const;
export type Milestone = (typeof MILESTONES)[number];

/** Which deadline a complaint in a state is working towards; none once it is closed. */
const MILESTONE_OF: Partial<Record<ComplaintStatus, Milestone>> = {
  recorded: "validate",
  validated: "propose",
  assigned: "propose",
  analysed: "propose",
  proposed: "resolve",
  approved: "resolve",
};

export function milestoneOf(status: ComplaintStatus): Milestone | undefined {
  return MILESTONE_OF[status];
}

/** States in which a complaint still waits for someone to act (所有未结投诉). */
export const OPEN_STATUSES = Object.keys(MILESTONE_OF) as ComplaintStatus[];
