/**
 * A role assumed from the standard AWS credential chain (sts:AssumeRole), for runs outside GitHub
 * (the break-glass CLI): no OIDC token exists there. Refreshed before expiry like the OIDC role.
 */

import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { errorMessage, UserError } from '../errors.js';
import { clientConfig } from './clients.js';
import {
  DEFAULT_REFRESH_WINDOW_MS,
  DEFAULT_SESSION_SECONDS,
  memoizeCredentials,
  type SessionCredentials,
  validateRoleArn,
  validateRoleSessionName,
} from './credentials.js';
import { AssumeRoleCommand, type AssumeRoleCommandOutput, STSClient } from './sdk.js';

export function chainRoleCredentialProvider(opts: {
  roleArn: string;
  sessionName: string;
  region: string;
  onCredentials?: (c: SessionCredentials) => void;
}): AwsCredentialIdentityProvider {
  const roleArn = validateRoleArn(opts.roleArn);
  const sessionName = validateRoleSessionName(opts.sessionName);
  // The SDK's default chain signs the AssumeRole call (environment, profile, SSO, instance role).
  const sts = new STSClient(clientConfig({ region: opts.region }));
  const fetch = async (): Promise<SessionCredentials> => {
    let out: AssumeRoleCommandOutput;
    try {
      out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName,
          DurationSeconds: DEFAULT_SESSION_SECONDS,
        }),
      );
    } catch (error) {
      throw new UserError(
        `Could not assume role ${roleArn} with the AWS credentials of this shell: ${errorMessage(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date))
      throw new Error(`STS answered AssumeRole for ${roleArn} without complete credentials`);
    const credentials: SessionCredentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    opts.onCredentials?.(credentials);
    return credentials;
  };
  return memoizeCredentials(fetch, { refreshWindowMs: DEFAULT_REFRESH_WINDOW_MS, now: () => Date.now() });
}
