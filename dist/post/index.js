// Post step of the action (runs: post-if always()): a shim over the bundle.
import { runPost } from '../bundle/index.js';
await runPost();
