/** What every form's Server Action returns to its form: a message to announce and field errors. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** Changes on every response so the same message is announced again. */
  at?: number;
} | null;

export const REFUSAL_MESSAGES = {
  "not-allowed": "You cannot change this class.",
  archived: "This class is archived: restore it to make changes.",
} as const;
