/** Process exit codes, documented in the README. The report stage decides them; the CLI only returns them. */
export const EXIT = {
  ok: 0,
  policyFailed: 1,
  usage: 2,
  internal: 3,
  couldNotAudit: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
