/**
 * Serves emulator service handlers on 127.0.0.1 for unit tests, parsing the SigV4 credential scope
 * the way the emulator's router does (the real server is another module; these tests must not wait
 * for it).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
