/** What every form's Server Action returns to its form: a message to announce and field errors. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /**
   * What the form sent, returned with a refusal so the page (also without JavaScript) shows it
   * again instead of the defaults: nothing typed is lost on a validation error.
   */
  values?: Record<string, string>;
  /** The request came without a valid session: the form offers to sign in again and keeps its input. */
  sessionEnded?: boolean;
  /** Changes on every response so the same message is announced again. */
  at?: number;
} | null;

export const SESSION_ENDED_MESSAGE = "Your session ended. Sign in again";

export const REFUSAL_MESSAGES = {
  "not-allowed": "You cannot change this class.",
  archived: "This class is archived: restore it to make changes.",
} as const;

/** Arguments of the wrong shape (a crafted request, never the app's own forms): refused before anything runs. */
export const INVALID_REQUEST_MESSAGE = "This request could not be read, so nothing was changed. Reload the page and try again.";

export const invalidRequest = (): ActionState => ({ ok: false, message: INVALID_REQUEST_MESSAGE, at: Date.now() });
