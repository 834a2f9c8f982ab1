/**
 * The action's version, in step with package.json `version` (a test checks): `drs-drill --version`
 * prints it and the AWS user agent carries it, so CloudTrail shows which release made a call.
 */
export const ACTION_VERSION = '0.1.0';

/**
 * The repository the action is released from: workflows `uses:` it, the schemas are published from it
 * (schemaUrl in scripts/release-notes.ts) and the user agent carries its name.
 */
export const ACTION_REPOSITORY = 'drs-drill-action/drs-drill-action';
