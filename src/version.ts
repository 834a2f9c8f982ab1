/**
 * The action's version, in step with package.json `version` (a test checks): `drs-drill --version`
 * prints it and the AWS user agent carries it, so CloudTrail shows which release made a call.
 */
export const ACTION_VERSION = '0.1.0';
