import * as core from '@actions/core';
import { DescribeSourceServersCommand } from '@aws-sdk/client-drs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../../emulator/server.js';
import { createAwsClients, destroyAwsClients } from '../../../src/aws/clients.js';
import { checkAccount, oidcCredentialProvider } from '../../../src/aws/credentials.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ scenario: 'emulator/scenarios/demo.yaml', speed: 0 });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator.close();
});

describe('OIDC credentials through the emulator server', () => {
  it('assumes the role via the GitHub stub and reads DRS with the session', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', `${emulator.url}/_github/oidc/token?api-version=2.0`);
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', emulator.github.requestToken);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const accountId = emulator.state.scenario.accountId;
    const keys: string[] = [];
    const credentials = oidcCredentialProvider({
      roleArn: `arn:aws:iam::${accountId}:role/drs-drill`,
      sessionName: 'drs-drill-1',
      region: 'us-east-1',
      endpoint: emulator.url,
      getIdToken: (audience) => core.getIDToken(audience),
      onCredentials: (c) => keys.push(c.accessKeyId),
    });
    const clients = createAwsClients({ region: 'us-east-1', endpoint: emulator.url, credentials });
    const out = await clients.drs.send(new DescribeSourceServersCommand({}));
    const identity = await checkAccount(clients.sts, accountId);
    destroyAwsClients(clients);
    expect(out.items?.length).toBeGreaterThan(0);
    expect(identity.arn).toBe(`arn:aws:sts::${accountId}:assumed-role/drs-drill/drs-drill-1`);
    expect(keys).toHaveLength(1);
    expect(emulator.github.issuedTokens).toHaveLength(1);
  });
});
