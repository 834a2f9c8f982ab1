/**
 * `npm run emulator -- --scenario <file> [--port 0] [--speed <x>] [--seed <n>]`
 * The first line printed is always `AWS emulator listening on http://127.0.0.1:<port>`.
 */
import { parseArgs } from 'node:util';
import { ScenarioError } from './scenario.js';
import { startEmulator } from './server.js';

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\nusage: emulator --scenario <file> [--port 0] [--speed <x>] [--seed <n>]`);
  }
  if (!values.scenario) fail('--scenario <file> is required');
  // Handlers first, so a signal that arrives while the server is starting still ends cleanly.
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (!emulator) process.exit(0);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  emulator = await startEmulator({
    scenario: values.scenario,
    port: numberOption(values.port, 'port', 0),
    speed: numberOption(values.speed, 'speed', 1),
    seed: numberOption(values.seed, 'seed', 1),
  }).catch((e: unknown) => {
    if (e instanceof ScenarioError) fail(e.message);
    fail(e instanceof Error ? e.message : String(e));
  });
  if (stopping) {
    await emulator.close();
    process.exit(0);
  }
  process.stdout.write(`AWS emulator listening on ${emulator.url}\n`);
}

void main();
