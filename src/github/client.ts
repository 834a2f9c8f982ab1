import type { Octokit } from './comment.js';

/**
 * The toolkit's GitHub client factory, loaded on demand: only the modes that talk to GitHub pay for
 * loading it, and only the github/ adapters import the toolkit's GitHub package.
 */
export async function loadGetOctokit(): Promise<(token: string) => Octokit> {
  return (await import('@actions/github')).getOctokit;
}
