import { describeGatewayContract } from '../contract/gateway-contract.js';
import { emulatorTargets } from '../contract/targets.js';

describeGatewayContract('emulator over loopback', emulatorTargets);
