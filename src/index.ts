// Development entry (tsx src/index.ts); the action itself runs dist/index.js, a shim over the bundle.
import { run } from './main.js';

await run();
