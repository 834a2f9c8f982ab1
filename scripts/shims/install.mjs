// `npm run build`'s last step: the shims action.yml and bin/ run, from scripts/shims/ into <dist>.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const dist = process.argv[2] ?? 'dist';
mkdirSync(join(dist, 'post'), { recursive: true });
copyFileSync(join(here, 'index.js'), join(dist, 'index.js'));
copyFileSync(join(here, 'compile-cache.js'), join(dist, 'compile-cache.js'));
copyFileSync(join(here, 'heap.js'), join(dist, 'heap.js'));
copyFileSync(join(here, 'post.js'), join(dist, 'post', 'index.js'));
