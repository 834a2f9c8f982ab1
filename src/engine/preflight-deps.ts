import type { DrsGateway, Ec2Gateway } from '../aws/gateways.js';
import type { Clock } from './types.js';

export interface PreflightDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  clock: Clock;
}
