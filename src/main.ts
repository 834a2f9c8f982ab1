import * as core from '@actions/core';

/** Entry of the main step. Reads every input at the top, then hands plain values on. */
export async function run(): Promise<void> {
  core.setFailed('not implemented yet');
}
