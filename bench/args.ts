/** `npm run bench -- [flags]`: flags to settings. Pure; package.json's script stays `tsx bench/run.ts`. */

export type PlanKey = 'serial' | 'parallel' | 'large';
export const PLAN_KEYS: readonly PlanKey[] = ['serial', 'parallel', 'large'];
/** Sections besides the plans: the start-up ratio to the floor, and the scale drills. */
export const SECTION_KEYS = ['startup', 'scale'] as const;

export interface BenchArgs {
  quick: boolean;
  json: boolean;
  runs: number;
  /** The dist/ directory holding index.js and bundle/index.js. */
  dist?: string;
  /** Where results go; default bench/results.json (full) or a temp file (quick). */
  out?: string;
  /** Simulated seconds per real second. */
  speed: number;
  /** The action's poll-interval-seconds: 15 simulated seconds. */
  pollIntervalSeconds: number;
  /** The anchors' fixed interval: 30 simulated seconds, in real ms. */
  anchorPollMs: number;
  largeServers: number;
  validateRuns: number;
  plans: PlanKey[];
  /** Alternating action/floor pairs of the start-up ratio; 0 skips it. */
  pairs: number;
  /** Server counts of the scale drills; empty skips them. */
  scale: number[];
  /** The node binary for the start-up ratio (e.g. a Node 24 from the `node` npm package). */
  node?: string;
  /** Start-up pairs with a warm V8 compile cache (Node 22+) on both sides. */
  compileCache: boolean;
  /**
   * Not the reference setting: run the action on the emulator's clock (DRS_DRILL_CLOCK_SCALE = speed)
   * with its default 15 s bound, so its adaptive interval (2 s after a change) scales too.
   */
  scaledClock: boolean;
  help: boolean;
}

export const USAGE = `npm run bench -- [--quick] [--json] [--runs N] [--dist DIR] [--out FILE] [--only serial,parallel,large]
  --quick   smoke variant: emulator speed 600 (same poll/phase proportions), one run each; asserts nothing
  --json    print results as JSON on stdout (progress goes to stderr)
  --runs N  runs per plan (default 3; quick 1)
  --dist    the built action to measure (default: the committed dist/, or DRS_BENCH_DIST)
  --out     results file (default bench/results.json; quick: a temp file)
  --only    a comma-separated subset of serial,parallel,large,startup,scale
  --pairs N start-up pairs, action and floor alternately (default 7; quick 3)
  --scale L comma-separated server counts of the scale drills (default 10,100,500,1000,2000; quick 10)
  --node P  the node binary of the start-up pairs (default: the one running the bench)
  --compile-cache  start-up pairs with a warm V8 compile cache on both sides (Node 22+)
  --scaled-clock  the action follows the emulator's clock (DRS_DRILL_CLOCK_SCALE) with its default
            poll-interval-seconds 15: shows the adaptive interval; not the reference setting`;

export class ArgsError extends Error {}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ArgsError(`${flag} needs a positive integer, got "${value ?? ''}"`);
  return n;
}

function nonNegativeInt(flag: string, value: string | undefined): number {
  return value === '0' ? 0 : positiveInt(flag, value);
}

/** `--only`: the named plans and sections run, the others not (the sizes of `scale` stay as set). */
function only(args: BenchArgs, list: string): void {
  const names = list.split(',').map((s) => s.trim());
  const known: readonly string[] = [...PLAN_KEYS, ...SECTION_KEYS];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new ArgsError(`--only: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  args.plans = PLAN_KEYS.filter((k) => names.includes(k));
  if (!names.includes('startup')) args.pairs = 0;
  if (!names.includes('scale')) args.scale = [];
}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): BenchArgs {
  const quick = argv.includes('--quick');
  const speed = quick ? 600 : 60;
  const args: BenchArgs = {
    quick,
    json: false,
    runs: quick ? 1 : 3,
    speed,
    pollIntervalSeconds: 15 / speed,
    anchorPollMs: 30_000 / speed,
    largeServers: 500,
    validateRuns: quick ? 2 : 5,
    plans: [...PLAN_KEYS],
    pairs: quick ? 3 : 7,
    scale: quick ? [10] : [10, 100, 500, 1000, 2000],
    compileCache: false,
    scaledClock: false,
    help: false,
  };
  if (env.DRS_BENCH_DIST) args.dist = env.DRS_BENCH_DIST;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArgsError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--json':
        args.json = true;
        break;
      case '--runs':
        args.runs = positiveInt('--runs', value());
        break;
      case '--dist':
        args.dist = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--only':
        only(args, value());
        break;
      case '--pairs':
        args.pairs = nonNegativeInt('--pairs', value());
        break;
      case '--scale':
        args.scale = value()
          .split(',')
          .map((n) => positiveInt('--scale', n.trim()));
        break;
      case '--node':
        args.node = value();
        break;
      case '--compile-cache':
        args.compileCache = true;
        break;
      case '--scaled-clock':
        args.scaledClock = true;
        args.pollIntervalSeconds = 15;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new ArgsError(`unknown flag "${flag}"`);
    }
  }
  return args;
}
