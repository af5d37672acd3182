import type { AnyCommand } from "../../application/command.js";
import type { ArgSpec } from "../../core/args.js";
import { argDescription, choiceLabel } from "../../core/command-texts.js";
import { commandKey } from "../../core/command-shape.js";
import { type Translate, phrase } from "../../core/messages.js";
import { cut } from "../text-fit.js";
import { type Card, type CardElement, FEISHU_MAX_TEXT, plain } from "./render.js";

/** What a form's submit button carries back: which command's form it is. */
export interface FormValue {
  form: string;
}

const FORM_NAME = "crm_form";
const SUBMIT_NAME = "submit";

function field(t: Translate, definition: AnyCommand, name: string, spec: ArgSpec): CardElement {
  const label = plain(cut(argDescription(t, definition, name), FEISHU_MAX_TEXT));
  const options = (values: { label: string; value: string }[]) => ({
    tag: "select_static",
    name,
    required: Boolean(spec.required),
    placeholder: label,
    options: values.map((o) => ({ text: plain(o.label), value: o.value })),
  });
  if (spec.kind === "choice" && spec.choices)
    return options(spec.choices.map((c) => ({ label: choiceLabel(t, spec, c), value: c })));
  if (spec.kind === "bool")
    return options([
      { label: t("common.yes"), value: "yes" },
      { label: t("common.no"), value: "no" },
    ]);
  if (spec.kind === "date") return { tag: "date_picker", name, required: Boolean(spec.required), placeholder: label };
  return {
    tag: "input",
    name,
    required: Boolean(spec.required),
    label,
    label_position: "top",
    placeholder: label,
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
  };
}

/**
 * A command's form as a card: one input or select per form argument, and a submit button whose
 * callback runs the command as the one who submits it. A refused submission comes back as the
 * same form with the error under its field.
 */
export function formCard(t: Translate, definition: AnyCommand, error?: { field: string; message: string }): Card {
  const key = commandKey(definition);
  const args = definition.args as Record<string, ArgSpec>;
  const elements: CardElement[] = [];
  for (const name of definition.form ?? []) {
    elements.push(field(t, definition, name, args[name]!));
    if (error?.field === name) elements.push({ tag: "div", text: plain(cut(`⚠️ ${error.message}`, FEISHU_MAX_TEXT)) });
  }
  elements.push({
    tag: "button",
    name: SUBMIT_NAME,
    action_type: "form_submit",
    type: "primary",
    text: plain(t("forms.submit")),
    value: { form: key } satisfies FormValue,
  });
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: { title: plain(phrase(t, "forms", key)), template: error ? "red" : "blue" },
    elements: [{ tag: "form", name: FORM_NAME, elements }],
  };
}

/** What a form turns into once submitted: no second submission, the command line it ran. */
export function submittedCard(t: Translate, definition: AnyCommand | undefined, line: string | undefined): Card {
  return {
    config: { wide_screen_mode: true, update_multi: true },
    header: {
      title: plain(definition ? phrase(t, "forms", commandKey(definition)) : t("forms.submit")),
      template: "green",
    },
    elements: [
      { tag: "div", text: plain(t("feishu.submitted")) },
      ...(line ? [{ tag: "note", elements: [plain(cut(line, FEISHU_MAX_TEXT))] }] : []),
    ],
  };
}

/** The submitted values as the raw argument texts the router binds, empty ones left out. */
export function submittedArgs(formValue: Record<string, unknown>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(formValue)) {
    // A date picker answers "2026-12-02 +0800"; the command reads the day.
    const text = typeof value === "string" ? value.replace(/^(\d{4}-\d{2}-\d{2}) [+-]\d{4}$/, "$1") : undefined;
    if (text && text.trim() !== "") raw[name] = text;
  }
  return raw;
}
