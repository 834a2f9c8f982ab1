import type { IncomingHttpHeaders } from 'node:http';

/** A request as the emulator's router hands it to a service handler. */
export interface EmulatorRequest {
  method: string;
  /** Path without the query string, e.g. `/StartRecovery` or `/_github/api/repos/o/r/issues/1/comments`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Signing service from the SigV4 credential scope (`drs`, `ec2`, `sts`), when the request is signed. */
  service?: string;
  /** Access key id from the SigV4 credential scope, when signed. */
  accessKeyId?: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A service's handler: answers a request, or returns undefined when the request is not its own. */
export type ServiceHandler = (
  request: EmulatorRequest,
) => EmulatorResponse | undefined | Promise<EmulatorResponse | undefined>;
