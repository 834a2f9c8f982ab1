/**
 * Opening an AWS session for a run: credentials (a GitHub OIDC role, or the default chain), the clients
 * and gateways, and the account guard. One place for drill, recovery, cleanup, the post step and the
 * PR readiness check.
 */
import type { ActionIO } from '../io.js';
import { chainRoleCredentialProvider } from './assume-role.js';
import { type AwsClients, createAwsClients } from './clients.js';
import { checkAccount, maskCredentials, oidcCredentialProvider } from './credentials.js';
import { createDrsGateway } from './drs-gateway.js';
import { createEc2Gateway } from './ec2-gateway.js';
import type { DrsGateway, Ec2Gateway, SsmGateway } from './gateways.js';
import { createSsmGateway } from './ssm-gateway.js';

export interface AwsSession {
  clients: AwsClients;
  drs: DrsGateway;
  ec2: Ec2Gateway;
  ssm: SsmGateway;
  accountId: string;
}

export interface SessionInputs {
  roleToAssume?: string;
  roleSessionName: string;
}

export interface SessionDeps {
  env: NodeJS.ProcessEnv;
  /** GitHub OIDC ID token for an audience (core.getIDToken in the action). */
  getIdToken: (audience: string) => Promise<string>;
  /** Assume role-to-assume with the standard credential chain (sts:AssumeRole), not OIDC: the CLI. */
  roleFromChain?: boolean;
}

/** Credentials (OIDC role or the default chain), clients, gateways, and the account guard. */
export async function openAwsSession(
  io: ActionIO,
  inputs: SessionInputs,
  region: string,
  expectedAccountId: string | undefined,
  deps: SessionDeps,
): Promise<AwsSession> {
  const mask = (c: Parameters<typeof maskCredentials>[0]) => maskCredentials(c, (v) => io.setSecret(v));
  const credentials = !inputs.roleToAssume
    ? undefined
    : deps.roleFromChain
      ? chainRoleCredentialProvider({
          roleArn: inputs.roleToAssume,
          sessionName: inputs.roleSessionName,
          region,
          onCredentials: mask,
        })
      : oidcCredentialProvider({
          roleArn: inputs.roleToAssume,
          sessionName: inputs.roleSessionName,
          region,
          getIdToken: deps.getIdToken,
          env: deps.env,
          onCredentials: mask,
          onRetry: (e, attempt) => io.debug(`Assuming the role again (attempt ${attempt + 1}): ${String(e)}`),
        });
  const clients = createAwsClients({ region, credentials });
  const identity = await checkAccount(clients.sts, expectedAccountId);
  io.info(`AWS account ${identity.accountId}, acting as ${identity.arn}, region ${region}`);
  return {
    clients,
    drs: createDrsGateway({ drs: clients.drs, drsNoRetry: clients.drsNoRetry }),
    ec2: createEc2Gateway(clients.ec2),
    ssm: createSsmGateway({ ssm: clients.ssm, ssmNoRetry: clients.ssmNoRetry }),
    accountId: identity.accountId,
  };
}
