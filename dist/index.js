// Main step of the action: a shim over the bundle built from src/ by `npm run build`.
import { run } from './bundle/index.js';
await run();
