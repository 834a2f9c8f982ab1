/**
 * The reference floor of the start-up measure: the least an action built from our own dependencies
 * can do before its first AWS request, i.e. load @actions/core and the STS client and make one
 * GetCallerIdentity call. The bench bundles it with ncc into a temp dir at run time (never committed)
 * and runs it beside the action, alternately, against the same emulator (bench/startup-ratio.ts).
 */
import * as core from '@actions/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const region = process.env.AWS_REGION ?? 'us-east-1';
const sts = new STSClient({ region });
const who = await sts.send(new GetCallerIdentityCommand({}));
core.info(`account ${who.Account ?? '?'}`);
