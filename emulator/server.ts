/**
 * The emulator's HTTP server: one loopback endpoint for DRS, EC2, STS and the GitHub stubs, told
 * apart by the SigV4 credential scope. Faults (latency, throttling, 5xx, HTML error pages, dropped
 * connections, hangs, trickled answers, rewritten DRS answers: faults.ts) are applied here, the same
 * way for every service; every call is recorded for tests to assert on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlApi, type RecordedCall } from './control.js';
import { drsOperation, handleDrs } from './drs.js';
import { ec2Operation, handleEc2 } from './ec2.js';
import { faultResponse, htmlErrorResponse, pickRule, rewriteDrsAnswer, trickle } from './faults.js';
import { createGithub } from './github.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import { startLaunchJob } from './lifecycle.js';
import { type DrsModel, loadModel } from './model.js';
import { createRandom } from './random.js';
import type { Scenario } from './scenario.js';
import { loadScenarioFile } from './scenario-load.js';
import { handleSsm, ssmOperation } from './ssm.js';
import { EmulatorState } from './state.js';
import { createSts } from './sts.js';

export type { RecordedCall } from './control.js';

export interface EmulatorOptions {
  scenario: Scenario | string;
  port?: number;
  /** Simulated seconds per real second; 0 freezes the clock (advance it by hand). Default 1. */
  speed?: number;
  seed?: number;
  /** Path of the DRS Smithy model; default DRS_MODEL_PATH or emulator/model/drs-2020-02-26.json. */
  modelPath?: string;
  /** Called as each call is recorded, before it is answered (the bench reads the caller's CPU time then). */
  onCall?: (call: RecordedCall) => void;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  /** The live state; a reset replaces it, so read it through this getter each time. */
  readonly state: EmulatorState;
  readonly calls: RecordedCall[];
  readonly github: ReturnType<typeof createGithub>['state'];
  reset(): void;
}

/** Builds a fresh world from the scenario, including its pre-existing jobs. */
export function buildState(scenario: Scenario, seed: number, speed: number): EmulatorState {
  const state = new EmulatorState(scenario, seed, speed);
  const t0 = Date.parse(scenario.startTime);
  for (const j of scenario.jobs) {
    state.ids.reserve(j.jobID);
    startLaunchJob(state, {
      jobID: j.jobID,
      at: t0 + j.startOffsetMinutes * 60_000,
      isDrill: j.isDrill,
      tags: {},
      sourceServers: j.sourceServerIDs.map((sourceServerID) => ({ sourceServerID })),
    });
  }
  state.tick();
  return state;
}

const SCOPE = /Credential=([^/,\s]+)\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;

function serviceOf(req: EmulatorRequest): string | undefined {
  if (req.service) return req.service;
  // AssumeRoleWithWebIdentity is sent unsigned: recognise STS and EC2 by their API version.
  const version = new URLSearchParams(req.body).get('Version') ?? req.query.get('Version');
  if (version === '2011-06-15') return 'sts';
  if (version === '2016-11-15') return 'ec2';
  return 'drs';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const scenario = typeof opts.scenario === 'string' ? loadScenarioFile(opts.scenario) : opts.scenario;
  const seed = opts.seed ?? 1;
  const speed = opts.speed ?? 1;
  const model: DrsModel = loadModel(opts.modelPath);
  let state = buildState(scenario, seed, speed);
  let random = createRandom(seed ^ 0x9e3779b9);
  let dropCounts = new Map<number, number>();
  // Calls seen per hang/slow-loris rule (and StartRecovery answers left without their job).
  let ruleCounts = new WeakMap<object, number>();
  let noJobAnswers = 0;
  const calls: RecordedCall[] = [];
  let url = '';
  const makeSts = () =>
    createSts({
      accountId: scenario.accountId,
      sessionSeconds: scenario.sts.sessionSeconds as number | undefined,
      maxSessionSeconds: scenario.sts.maxSessionSeconds as number | undefined,
    });
  const makeGithub = () => createGithub({ baseUrl: `${url}/_github` });
  let sts = makeSts();
  let github: ReturnType<typeof createGithub> | undefined;

  const reset = (): void => {
    state = buildState(scenario, seed, speed);
    random = createRandom(seed ^ 0x9e3779b9);
    dropCounts = new Map();
    ruleCounts = new WeakMap();
    noJobAnswers = 0;
    calls.length = 0;
    sts = makeSts();
    github = makeGithub();
  };

  /** The first drop rule that still has calls to drop for this operation, counted down: its reply. */
  const takeDrop = (operation: string, when: 'before' | 'after'): 'dropped' | 'server-error' | undefined => {
    const index = state.faults.drop.findIndex(
      (d, i) => d.operation === operation && d.when === when && (dropCounts.get(i) ?? 0) < d.count,
    );
    if (index < 0) return undefined;
    dropCounts.set(index, (dropCounts.get(index) ?? 0) + 1);
    return state.faults.drop[index]?.reply ?? 'dropped';
  };

  /** A drop rule's reply: the connection destroyed, or a 5xx recorded as such. */
  const dropReply = (
    reply: 'dropped' | 'server-error',
    call: RecordedCall,
    requestId: string,
  ): EmulatorResponse | 'dropped' => {
    if (reply === 'dropped') return 'dropped';
    call.outcome = 'server-error';
    return faultResponse(call.service, 'server', requestId, state.faults);
  };

  const rate = (table: { rate: number; operations: Record<string, number> }, operation: string): number =>
    table.operations[operation] ?? table.rate;

  async function dispatch(
    req: EmulatorRequest,
    res: ServerResponse,
    call: RecordedCall,
  ): Promise<EmulatorResponse | 'dropped' | 'hang'> {
    const service = call.service;
    const requestId = state.ids.requestId();
    const { min, max } = state.faults.latencyMs;
    if (max > 0) await sleep(min + random() * (max - min));
    const hang = pickRule(state.faults.hang, call.operation, ruleCounts);
    if (hang) call.outcome = 'hung';
    if (hang?.when === 'before') return 'hang';
    const before = takeDrop(call.operation, 'before');
    if (before) return dropReply(before, call, requestId);
    if (service === 'drs' || service === 'ec2') {
      if (req.accessKeyId && sts.accessKeyStatus(req.accessKeyId) === 'expired') {
        call.outcome = 'expired';
        return faultResponse(service, 'expired', requestId, state.faults);
      }
      if (random() < rate(state.faults.throttle, call.operation)) {
        call.outcome = 'throttled';
        return faultResponse(service, 'throttle', requestId, state.faults);
      }
      if (random() < rate(state.faults.serverErrors, call.operation)) {
        call.outcome = 'server-error';
        return faultResponse(service, 'server', requestId, state.faults);
      }
      // Drawn only when asked for, so that seeded runs without it keep their sequence.
      const html = rate(state.faults.htmlErrors, call.operation);
      if (html > 0 && random() < html) {
        call.outcome = 'html-error';
        return htmlErrorResponse();
      }
    }
    state.tick();
    let answer: EmulatorResponse | undefined;
    if (service === 'drs') {
      const handled = handleDrs(state, model, req);
      const noJob =
        call.operation === 'StartRecovery' &&
        handled.status < 300 &&
        noJobAnswers < state.faults.startRecoveryNoJob;
      if (noJob) {
        noJobAnswers += 1;
        call.outcome = 'no-job';
      }
      answer = rewriteDrsAnswer(handled, state.faults, call.operation, { noJob });
    } else if (service === 'ec2') answer = handleEc2(state, req, requestId);
    else if (service === 'ssm') answer = handleSsm(state, req);
    else if (service === 'sts') answer = await sts.handler(req);
    else if (service === 'github') answer = await (github ?? makeGithub()).handler(req);
    if (hang) return 'hang';
    const after = takeDrop(call.operation, 'after');
    if (after) return dropReply(after, call, requestId);
    void res;
    return (
      answer ?? {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `No handler for ${req.method} ${req.path}` }),
      }
    );
  }

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const scope = SCOPE.exec(String(req.headers.authorization ?? ''));
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        service: scope?.[2],
        accessKeyId: scope?.[1],
      };
      if (request.path.startsWith('/_emulator/')) {
        const answer = controlApi(request, { state: () => state, calls, reset, scenario });
        return send(res, answer, false);
      }
      const service = request.path.startsWith('/_github/') ? 'github' : serviceOf(request);
      const operation =
        service === 'drs'
          ? (drsOperation(model, request) ?? `${request.method} ${request.path}`)
          : service === 'ec2' || service === 'sts'
            ? (ec2Operation(request) ?? 'unknown')
            : service === 'ssm'
              ? (ssmOperation(request) ?? 'unknown')
              : `${request.method} ${request.path}`;
      const call: RecordedCall = {
        seq: calls.length + 1,
        service: service ?? 'unknown',
        operation,
        time: new Date().toISOString(),
        simTime: state.clock.iso(),
        request: parseForRecord(service, body),
        ...(request.accessKeyId ? { accessKeyId: request.accessKeyId } : {}),
      };
      calls.push(call);
      opts.onCall?.(call);
      const answer = await dispatch(request, res, call);
      // Kept open and silent until the client gives up (or the emulator closes).
      if (answer === 'hang') return;
      if (answer === 'dropped') {
        call.outcome = call.outcome ?? 'dropped';
        res.socket?.destroy();
        return;
      }
      call.status = answer.status;
      call.outcome = call.outcome ?? (answer.status < 400 ? 'ok' : 'error');
      const loris = pickRule(state.faults.slowLoris, operation, ruleCounts);
      if (loris) call.outcome = 'trickled';
      send(res, answer, service === 'drs' || service === 'ec2' || service === 'ssm', loris?.byteSeconds);
    })().catch((e: unknown) => {
      send(
        res,
        {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: `emulator bug: ${String(e)}` }),
        },
        false,
      );
    });
  });

  /** `byteSeconds`: trickle the body, one byte per that many simulated seconds (real ones when frozen). */
  function send(
    res: ServerResponse,
    answer: EmulatorResponse,
    awsClock: boolean,
    byteSeconds?: number,
  ): void {
    // Only successes carry the simulated Date: on an error the SDK would take the simulated clock's
    // drift for clock skew, mark the error as corrected and retry it.
    res.sendDate = false;
    const headers: Record<string, string> = {
      'x-amzn-requestid': state.ids.requestId(),
      'x-emulator-sim-time': state.clock.iso(),
      ...(answer.headers ?? {}),
    };
    if (awsClock && answer.status < 300) headers.date = new Date(state.clock.now()).toUTCString();
    if (byteSeconds !== undefined) {
      trickle(res, answer, headers, (byteSeconds * 1000) / (state.clock.speed || 1));
      return;
    }
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the emulator must never be reachable from another machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  github = makeGithub();
  return {
    url,
    get state() {
      return state;
    },
    calls,
    get github() {
      return (github as ReturnType<typeof createGithub>).state;
    },
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function parseForRecord(service: string | undefined, body: string): unknown {
  if (body === '') return {};
  if (service === 'ec2' || service === 'sts') {
    const params = Object.fromEntries(new URLSearchParams(body));
    // A web identity token is a credential: the call log keeps only that one was sent.
    if (params.WebIdentityToken) params.WebIdentityToken = '<redacted>';
    return params;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
