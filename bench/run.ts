/**
 * `npm run bench`: the bundled action against the local emulator over loopback, beside a
 * re-implementation of the anchors' polling scheme; prints one table and writes bench/results.json.
 * See bench/README.md for what each figure means and how it is measured.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASE_INTERVAL_MS } from '../src/engine/poller.js';
import { ArgsError, type BenchArgs, type PlanKey, parseArgs, USAGE } from './args.js';
import { type BenchPlan, depth, largePlan, parallelPlan, serialPlan } from './plans.js';
import { type BenchResults, buildResults } from './results.js';
import { runScale } from './scale.js';
import { runScenario, type ScenarioRun, type ScenarioSettings } from './scenario.js';
import { bundleBytes, validateExample, validateLarge } from './startup.js';
import { buildFloor, measureStartupRatio, type StartupRatio } from './startup-ratio.js';
import { planSummary, roundDeep } from './summary.js';
import { renderTable, resultRows, scaleTable } from './table.js';

const root = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function plansOf(args: BenchArgs): Record<PlanKey, BenchPlan> {
  return { serial: serialPlan(), parallel: parallelPlan(), large: largePlan(args.largeServers) };
}

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function settingsOf(args: BenchArgs, dist: string) {
  return (seed: number): ScenarioSettings => ({
    dist,
    speed: args.speed,
    pollSeconds: args.pollIntervalSeconds,
    anchorPollMs: args.anchorPollMs,
    seed,
    anchors: true,
    // Within a tick calls follow each other back to back; between ticks there is at least the
    // action's shortest interval (its 2 s base, or the bound if smaller). 40 % of that separates
    // the two even on a loaded machine.
    tickGapMs:
      (0.4 * Math.min(BASE_INTERVAL_MS, args.pollIntervalSeconds * 1000)) /
      (args.scaledClock ? args.speed : 1),
    timeoutMs: 15 * 60_000,
    scaledClock: args.scaledClock,
  });
}

/** The floor is bundled once per lock file (ncc takes a few seconds), in the temp dir. */
async function startupRatio(args: BenchArgs, dist: string): Promise<StartupRatio | undefined> {
  if (args.pairs === 0) return undefined;
  const lock = createHash('sha256')
    .update(await readFile(join(root, 'package-lock.json')))
    .update(await readFile(join(root, 'bench', 'floor.mjs')))
    .digest('hex')
    .slice(0, 16);
  const floor = buildFloor(root, join(tmpdir(), `drs-bench-floor-${lock}`));
  progress(
    `start-up: ${args.pairs} alternating pairs of the action (drill) and the floor, to the first AWS request`,
  );
  const ratio = await measureStartupRatio({
    dist,
    floor,
    pairs: args.pairs,
    compileCache: args.compileCache,
    ...(args.node ? { node: args.node } : {}),
  });
  progress(
    `start-up on ${ratio.node}${ratio.compileCache ? ' (warm compile cache)' : ''}: CPU ${ratio.cpu.toFixed(2)}× the floor (${ratio.action.cpuMs.median.toFixed(0)} ÷ ` +
      `${ratio.floor.cpuMs.median.toFixed(0)} ms), wall ${ratio.wall.toFixed(2)}×`,
  );
  return ratio;
}

async function runRounds(args: BenchArgs, dist: string): Promise<Map<PlanKey, ScenarioRun[]>> {
  const plans = plansOf(args);
  const runs = new Map<PlanKey, ScenarioRun[]>(args.plans.map((k) => [k, []]));
  const settings = settingsOf(args, dist);
  const one = async (key: PlanKey, round: number): Promise<void> => {
    const t0 = Date.now();
    const run = await runScenario(plans[key], settings(round + 1));
    runs.get(key)?.push(run);
    progress(
      `${key} run ${round + 1}/${args.runs}: wall ${(run.ours.wallMs / 1000).toFixed(1)} s, ` +
        `ratio ${run.ours.overheadRatio.toFixed(3)}, anchors ${((run.theirs?.wallMs ?? 0) / 1000).toFixed(1)} s ` +
        `(${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  };
  for (let round = 0; round < args.runs; round++) {
    const small = args.plans.filter((k) => k !== 'large');
    if (args.quick) {
      for (const key of small) await one(key, round);
    } else {
      // The two small plans are light (a few calls per tick): run them side by side to keep the
      // full bench under 10 minutes, the second one a little later so the two start-ups (bundle
      // load and preflight) do not compete for the CPU.
      await Promise.all(small.map((key, i) => sleep(i * 3000).then(() => one(key, round))));
    }
    if (args.plans.includes('large')) await one('large', round);
  }
  return runs;
}

async function main(): Promise<number> {
  // The SDK's one-off "Node 20 support ends in 2027" notice for the anchors' clients would sit in
  // the middle of the output; the action's own processes are not affected (their env is separate).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof ArgsError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const dist = resolve(args.dist ?? join(root, 'dist'));
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'bundle', 'index.js'))) {
    console.error(`${dist} has no built action (index.js and bundle/index.js): run \`npm run build\` first.`);
    return 1;
  }
  const started = Date.now();
  progress(
    `${args.quick ? 'quick' : 'full'} bench of ${dist}: emulator speed ${args.speed}, poll ${args.pollIntervalSeconds} s` +
      `${args.scaledClock ? ' of simulated time (DRS_DRILL_CLOCK_SCALE)' : ''}, ` +
      `anchors every ${args.anchorPollMs} ms, ${args.runs} run(s) per plan`,
  );
  // Start-up first, while nothing else of the bench's runs on the machine.
  const ratio = await startupRatio(args, dist);
  const runs = await runRounds(args, dist);
  const scale = await runScale(args.scale, settingsOf(args, dist)(1), progress);
  progress('validate runs');
  const startup = {
    ...(ratio ? { ratio } : {}),
    bundleBytes: await bundleBytes(dist),
    validateExampleMs: await validateExample(dist, root, args.validateRuns),
    validate4000Ms: await validateLarge(dist, 4000, args.validateRuns),
  };
  const plans = Object.fromEntries(
    [...runs].map(([key, list]) => [key, planSummary(list[0]?.plan ?? key, list)]),
  );
  const parallel = parallelPlan();
  const results: BenchResults = buildResults({
    settings: {
      quick: args.quick,
      runs: args.runs,
      speed: args.speed,
      pollIntervalSeconds: args.pollIntervalSeconds,
      anchorPollMs: args.anchorPollMs,
      largeServers: args.largeServers,
      scaledClock: args.scaledClock,
      dist,
      node: process.version,
      cpus: cpus().length,
    },
    plans,
    runs: [...runs.values()].flat(),
    startup,
    scale,
    parallelDepthShare: depth(parallel.waves) / parallel.waves.length,
    now: new Date(),
  });
  const out = resolve(
    args.out ??
      (args.quick ? join(tmpdir(), 'drs-bench-results-quick.json') : join(root, 'bench', 'results.json')),
  );
  await writeFile(out, `${JSON.stringify(roundDeep(results), null, 2)}\n`);
  const table = [renderTable(resultRows(results)), scaleTable(results)].filter(Boolean).join('\n\n');
  if (args.json) {
    process.stdout.write(`${JSON.stringify(roundDeep(results), null, 2)}\n`);
    process.stderr.write(`${table}\n`);
  } else {
    console.log(table);
  }
  progress(`results in ${out}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
