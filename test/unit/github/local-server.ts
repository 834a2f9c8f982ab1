/**
 * Serves emulator service handlers on 127.0.0.1 for unit tests, parsing the SigV4 credential scope
 * the way the emulator's router does (the real server is another module; these tests must not wait
 * for it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { EmulatorRequest, ServiceHandler } from '../../../emulator/http-types.js';

export interface LocalServer {
  url: string;
  requests: EmulatorRequest[];
  close(): Promise<void>;
}

const CREDENTIAL = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveHandlers(handlers: ServiceHandler[]): Promise<LocalServer> {
  const requests: EmulatorRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const scope = CREDENTIAL.exec(String(req.headers.authorization ?? ''));
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: await readBody(req),
        ...(scope ? { accessKeyId: scope[1], service: scope[2] } : {}),
      };
      requests.push(request);
      for (const handler of handlers) {
        const response = await handler(request);
        if (response) {
          res.writeHead(response.status, response.headers ?? {});
          res.end(response.body);
          return;
        }
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"no handler"}');
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** How a scripted server answers a request (or does not). */
export type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

export interface ScriptedServer {
  url: string;
  /** `METHOD url` of every request, in order. */
  seen: string[];
  /** How the server answers from now on; by default it never does. */
  behaviour: Behaviour;
  close(): Promise<void>;
}

/** A loopback server that answers as the test scripts it: for hangs, trickled and broken answers. */
export async function serveScripted(): Promise<ScriptedServer> {
  const scripted: ScriptedServer = {
    url: '',
    seen: [],
    behaviour: () => {},
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    scripted.seen.push(`${req.method} ${req.url}`);
    req.resume();
    scripted.behaviour(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  scripted.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return scripted;
}

/** One scripted server for a test file, started before its tests, its log cleared before each. */
export function useScriptedServer(): () => ScriptedServer {
  let server: ScriptedServer | undefined;
  beforeAll(async () => {
    server = await serveScripted();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    if (server) server.seen.length = 0;
  });
  return () => {
    if (!server) throw new Error('the scripted server is not running');
    return server;
  };
}

/** Headers at once, then `body` one byte every `everyMs`: never idle for long, never done in time. */
export function trickle(contentType: string, body: string, everyMs: number): Behaviour {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    let at = 0;
    const timer = setInterval(() => {
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      } else res.write(body.charAt(at++));
    }, everyMs);
    res.on('close', () => clearInterval(timer));
  };
}
