import { argDescription, choiceLabel } from "../../core/command-texts.js";
import type { ArgSpec } from "../../core/args.js";
import { commandKey } from "../../core/command-shape.js";
import type { AnyCommand } from "../../application/command.js";
import { type Translate, phrase } from "../../core/messages.js";

/** The callback id of a command's modal: `form:<command key>`. */
export const FORM_CALLBACK_PREFIX = "form:";
const VALUE = "value";
/** Longer texts get a multi-line box. */
const MULTILINE_FROM = 200;

type SlackElement = Record<string, unknown>;

function element(t: Translate, spec: ArgSpec): SlackElement {
  if (spec.kind === "choice" && spec.choices) {
    return {
      type: "static_select",
      action_id: VALUE,
      options: spec.choices.map((c) => ({
        text: { type: "plain_text", text: choiceLabel(t, spec, c) },
        value: c,
      })),
    };
  }
  if (spec.kind === "date") return { type: "datepicker", action_id: VALUE };
  if (spec.kind === "bool") {
    return {
      type: "static_select",
      action_id: VALUE,
      options: ["yes", "no"].map((v) => ({
        text: { type: "plain_text", text: t(v === "yes" ? "common.yes" : "common.no") },
        value: v,
      })),
    };
  }
  return {
    type: "plain_text_input",
    action_id: VALUE,
    multiline: spec.rest || (spec.maxLength ?? 0) > MULTILINE_FROM,
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
  };
}

/** A command's form as a Slack modal: one input per form argument, labelled as its help is. */
export function commandModal(t: Translate, definition: AnyCommand, metadata: Record<string, string>) {
  const key = commandKey(definition);
  const args = definition.args as Record<string, ArgSpec>;
  return {
    type: "modal" as const,
    callback_id: `${FORM_CALLBACK_PREFIX}${key}`,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text" as const, text: phrase(t, "forms", key).slice(0, 24) },
    submit: { type: "plain_text" as const, text: t("forms.submit") },
    close: { type: "plain_text" as const, text: t("forms.cancel") },
    blocks: (definition.form ?? []).map((name) => ({
      type: "input",
      block_id: name,
      optional: !args[name]!.required,
      label: { type: "plain_text", text: argDescription(t, definition, name).slice(0, 2000) },
      element: element(t, args[name]!),
    })),
  };
}

interface StateValue {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
}

/** The submitted values as the raw argument texts the router binds, empty ones left out. */
export function submittedArgs(values: Record<string, Record<string, StateValue>>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, actions] of Object.entries(values)) {
    const v = actions[VALUE];
    const text = v?.value ?? v?.selected_option?.value ?? v?.selected_date ?? undefined;
    if (text && text.trim() !== "") raw[name] = text;
  }
  return raw;
}
