import { line } from "../../src/views/command-line.js";
import { arg } from "../../src/core/args.js";
import { defineCommand, type CommandDefinition } from "../../src/application/command.js";
import { reply, type Button } from "../../src/core/reply.js";
import { complaintId } from "../../src/domain/complaints/service.js";
import {
  nextActions,
  TRANSITIONS,
  type ComplaintAction,
  type ComplaintStatus,
} from "../../src/domain/complaints/workflow.js";
import { type Translate, phrase } from "../../src/core/messages.js";
import { ROLE_RANK, type Role } from "../../src/core/roles.js";
import { complaintFields } from "../../src/views/complaint-notices.js";

/**
 * The steps the reader may take next: those that need no text as buttons, all of them as commands
 * to type. A step that needs a manager is not offered to a rep.
 */
export function nextStepBlocks(t: Translate, status: ComplaintStatus, number: number, role: Role) {
  const id = complaintId(number);
  const actions = nextActions(status).filter(
    (a) => !TRANSITIONS[a].managerOnly || ROLE_RANK[role] >= ROLE_RANK.manager,
  );
  if (actions.length === 0) return [];
  const buttons: Button[] = actions
    .filter((a) => !TRANSITIONS[a].textRequired)
    .map((a) => ({
      label: phrase(t, "vocab.complaintStep", a),
      command: line(`complaint ${a}`, { id }),
      style: "primary" as const,
    }));
  const typed = actions.map(
    (a) => `/complaint ${a} ${id}${TRANSITIONS[a].textRequired ? ` <${phrase(t, "complaint.stepText", a)}>` : ""}`,
  );
  return [
    { type: "note" as const, text: t("complaint.nextSteps", { steps: typed.join("  ") }) },
    {
      type: "buttons" as const,
      buttons: [...buttons, { label: t("complaint.buttons.show"), command: line("complaint show", { id }) }],
    },
  ];
}

/**
 * One workflow step as a chat command: `/complaint <action> <id> <text…>`. The text argument has
 * the step's own name (reason, solution, measures…) and is required where the step states something.
 */
export function complaintStepCommand<const N extends string>(
  action: ComplaintAction,
  textArg: N,
  aliases: readonly string[],
): CommandDefinition {
  const required = TRANSITIONS[action].textRequired;
  const text = required
    ? arg.text({ required: true, rest: true, max: 2000, aliases })
    : arg.text({ rest: true, max: 2000, aliases });
  return defineCommand({
    path: ["complaint", action],
    role: TRANSITIONS[action].managerOnly ? "manager" : "rep",
    args: {
      id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"], complete: "complaint" }),
      [textArg]: text,
    } as Record<string, typeof text>,
    examples: [`TS-0001${required ? ` ${exampleText(action)}` : ""}`],
    async handle({ args, actor, services, t, fmt, now }) {
      const { complaint, from, to } = await services.complaints.act(
        String(args.id),
        action,
        args[textArg] as string | undefined,
      );
      return reply(
        {
          type: "heading",
          text: t("complaint.stepDone", {
            id: complaintId(complaint.number),
            step: phrase(t, "vocab.complaintStep", action),
            from: phrase(t, "vocab.complaintStatus", from),
            to: phrase(t, "vocab.complaintStatus", to),
          }),
        },
        { type: "fields", fields: complaintFields(t, fmt, complaint, now) },
        ...nextStepBlocks(t, to, complaint.number, actor.role),
      );
    },
  });
}

/** An example text for the help of each step. */
function exampleText(action: ComplaintAction): string {
  const examples: Partial<Record<ComplaintAction, string>> = {
    reject: "经核实为客户保管不当",
    assign: "仓储部 王主管",
    cause: "运输途中挤压，外箱强度不够",
    propose: "补发 20 箱并承担运费",
    review: "外箱改用五层瓦楞纸，每月抽检",
    reopen: "客户反映补发的货仍有破损",
  };
  return examples[action] ?? "";
}
