/**
 * The text fields of a Server Action's form argument, by name (the first value of each). Anyone
 * can call an action with any arguments: when the argument is not form data at all, there are no
 * fields, and the action's own validation answers as it would for an empty form.
 */
export function textFields(form: unknown): Record<string, string> {
  if (!(form instanceof FormData)) return {};
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) if (typeof value === "string" && !fields.has(name)) fields.set(name, value);
  return Object.fromEntries(fields);
}
