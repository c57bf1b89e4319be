/** The demo accounts from README.md; also used by the end-to-end tests. */
export const DEMO_USERS = [
  { email: "instructor@example.com", name: "Iris Chen", role: "INSTRUCTOR", password: "teach-tcp-demo" },
  { email: "ada@example.com", name: "Ada Lovelace", role: "STUDENT", password: "learn-tcp-demo" },
  { email: "ben@example.com", name: "Ben Okafor", role: "STUDENT", password: "learn-tcp-demo" },
] as const;

export const DEMO_CLASS = { name: "Computer Networks — Demo Class", joinCode: "SYNACK42", timeZone: "Europe/Berlin" } as const;

export const DEMO_ASSIGNMENT = {
  title: "Read: The TCP header and its flags",
  instructions: "Read the first lesson and be ready to explain when the acknowledgment number is valid.",
  targetType: "LESSON",
  targetId: "tcp-header-and-flags",
  points: 10,
} as const;
