import { describeGatewayContract } from '../../contract/gateway-contract.js';
import { fakeTargets } from '../../contract/targets.js';

describeGatewayContract('in-memory fake (test/support/fake-aws.ts)', fakeTargets);
