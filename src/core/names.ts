/**
 * The shapes of the names the action takes from inputs, plans, the CLI and STS: one pattern each, so the
 * action's inputs, the CLI, the credential code and the client factory agree on what a region, an
 * account id, a role ARN or a session name is. Callers keep their own messages (an input names the
 * input, a CLI option its option).
 */
export const NAME_PATTERNS = {
  /** `us-east-1`, `eu-central-2`, `us-gov-west-1`, `us-isob-east-1`, `cn-north-1` (the plan schema's too). */
  region: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$/,
  /** The plan schema's too. */
  accountId: /^[0-9]{12}$/,
  /** An IAM role in any partition; names and paths in IAM's character set. */
  roleArn: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
  /** STS's RoleSessionName. */
  roleSessionName: /^[\w+=,.@-]{2,64}$/,
  /** A GitHub repository, `owner/name`. */
  repository: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
} as const;

export type NameKind = keyof typeof NAME_PATTERNS;

export function isValidName(kind: NameKind, value: string): boolean {
  return NAME_PATTERNS[kind].test(value);
}

/** Characters STS refuses in a session name (to make one from a run id). */
export const SESSION_NAME_REFUSED = /[^\w+=,.@-]/g;
