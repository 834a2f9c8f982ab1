/**
 * STS for the emulator, in the query protocol the SDK's AwsQueryProtocol speaks: form-encoded
 * `Action=…&Version=2011-06-15` bodies, XML answers. It issues session credentials for tokens from the
 * GitHub stub and remembers them, so the server can answer ExpiredToken once a session has run out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { verifyIdToken } from './github.js';
import type { EmulatorRequest, EmulatorResponse, ServiceHandler } from './http-types.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';
const SESSION_NAME = /^[\w+=,.@-]*$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type AccessKeyStatus = 'ok' | 'expired' | 'unknown';

export interface StsOptions {
  accountId: string;
  /** Lifetime of issued credentials when the caller asks for none; default 3600. */
  sessionSeconds?: number;
  /**
   * Cap on the lifetime of issued credentials, whatever the caller asked for (a role's maximum
   * session). Any positive value, even below STS's 900 s minimum, so tests see sessions run out.
   */
  maxSessionSeconds?: number;
  /** Real epoch ms by default: the SDK compares `Expiration` with Date.now(). */
  now?: () => number;
}

interface Session {
  accessKeyId: string;
  expiresAtMs: number;
  arn: string;
  userId: string;
}

class StsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xml(status: number, body: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

function errorResponse(fault: StsFault): EmulatorResponse {
  return xml(
    fault.status,
    `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${fault.type}</Type><Code>${fault.code}</Code>` +
      `<Message>${xmlEscape(fault.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function success(action: string, result: string): EmulatorResponse {
  return xml(
    200,
    `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

function randomKeyChars(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += KEY_ALPHABET[b % KEY_ALPHABET.length];
  return out;
}

/** The "1 validation error detected" message STS gives for a length violation. */
function lengthFault(member: string, value: string, min: number, max: number): StsFault | undefined {
  if (value.length < min) {
    return new StsFault(
      400,
      'ValidationError',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
    );
  }
  if (value.length > max) {
    return new StsFault(
      400,
      'ValidationError',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return undefined;
}

function required(params: URLSearchParams, name: string, member: string): string {
  const value = params.get(name);
  if (value === null) {
    throw new StsFault(
      400,
      'ValidationError',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function createSts(opts: StsOptions): {
  handler: ServiceHandler;
  accessKeyStatus(accessKeyId: string): AccessKeyStatus;
} {
  // Read Date.now at call time so a faked clock (tests) applies here as it does in the SDK.
  const now = opts.now ?? (() => Date.now());
  const defaultSeconds = opts.sessionSeconds ?? 3600;
  const sessions = new Map<string, Session>();

  function assumeRoleWithWebIdentity(params: URLSearchParams): EmulatorResponse {
    const roleArn = required(params, 'RoleArn', 'roleArn');
    const sessionName = required(params, 'RoleSessionName', 'roleSessionName');
    const token = required(params, 'WebIdentityToken', 'webIdentityToken');
    const fault =
      lengthFault('roleArn', roleArn, 20, 2048) ??
      lengthFault('roleSessionName', sessionName, 2, 64) ??
      lengthFault('webIdentityToken', token, 4, 20000);
    if (fault) throw fault;
    if (!SESSION_NAME.test(sessionName)) {
      throw new StsFault(
        400,
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    const durationParam = params.get('DurationSeconds');
    const durationSeconds = durationParam === null ? defaultSeconds : Number(durationParam);
    if (
      durationParam !== null &&
      (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200)
    ) {
      throw new StsFault(
        400,
        'ValidationError',
        `1 validation error detected: Value '${durationParam}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
      );
    }
    const arn = ROLE_ARN.exec(roleArn);
    if (!arn) throw new StsFault(400, 'ValidationError', 'Request ARN is invalid');
    const [, roleAccount = '', , roleName = ''] = arn;
    const check = verifyIdToken(token, now());
    if (!check.ok && check.reason === 'expired') {
      throw new StsFault(
        400,
        'ExpiredTokenException',
        'Token expired: current date/time must be before the expiration date/time',
      );
    }
    if (!check.ok) {
      throw new StsFault(
        400,
        'InvalidIdentityToken',
        "Couldn't retrieve verification key from your identity provider",
      );
    }
    if (check.claims.aud !== 'sts.amazonaws.com') {
      throw new StsFault(400, 'InvalidIdentityToken', 'Incorrect token audience');
    }
    // The estate lives in one account; a role elsewhere cannot trust this provider.
    if (roleAccount !== opts.accountId) {
      throw new StsFault(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }

    const session = openSession(roleAccount, roleName, sessionName, durationSeconds);
    return success(
      'AssumeRoleWithWebIdentity',
      session.credentials +
        `<SubjectFromWebIdentityToken>${xmlEscape(check.claims.sub)}</SubjectFromWebIdentityToken>` +
        session.assumedRoleUser +
        `<Provider>${xmlEscape(check.claims.iss)}</Provider><Audience>${xmlEscape(check.claims.aud)}</Audience>`,
    );
  }

  /**
   * A new session of the role, kept for GetCallerIdentity, as the XML elements both AssumeRole calls
   * answer with. STS states expiry in whole seconds; the record is identical to what the client is told.
   */
  function openSession(roleAccount: string, roleName: string, sessionName: string, seconds: number) {
    const accessKeyId = `ASIA${randomKeyChars(16)}`;
    const lifetimeSeconds = Math.min(seconds, opts.maxSessionSeconds ?? seconds);
    const expiresAtMs = Math.floor((now() + lifetimeSeconds * 1000) / 1000) * 1000;
    const roleId = `AROA${randomKeyChars(17)}`;
    const assumedArn = `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/${sessionName}`;
    sessions.set(accessKeyId, {
      accessKeyId,
      expiresAtMs,
      arn: assumedArn,
      userId: `${roleId}:${sessionName}`,
    });
    return {
      credentials:
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId>` +
        `<SecretAccessKey>${randomBytes(30).toString('base64')}</SecretAccessKey>` +
        `<SessionToken>${randomBytes(240).toString('base64')}</SessionToken>` +
        `<Expiration>${new Date(expiresAtMs).toISOString()}</Expiration></Credentials>`,
      assumedRoleUser: `<AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser>`,
    };
  }

  /** sts:AssumeRole, signed with the caller's keys (the CLI's standard chain): a role of this account. */
  function assumeRole(params: URLSearchParams): EmulatorResponse {
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const [, roleAccount = '', roleName = ''] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn) ?? [];
    if (roleAccount !== opts.accountId || !sessionName)
      throw new StsFault(403, 'AccessDenied', `Not authorized to perform sts:AssumeRole on ${roleArn}`);
    const session = openSession(
      roleAccount,
      roleName,
      sessionName,
      Number(params.get('DurationSeconds') ?? 3600),
    );
    return success('AssumeRole', session.credentials + session.assumedRoleUser);
  }

  function getCallerIdentity(request: EmulatorRequest): EmulatorResponse {
    const accessKeyId = request.accessKeyId;
    if (!accessKeyId) {
      throw new StsFault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const status = accessKeyStatus(accessKeyId);
    if (status === 'expired') {
      throw new StsFault(400, 'ExpiredToken', 'The security token included in the request is expired');
    }
    const session = sessions.get(accessKeyId);
    const arn = session?.arn ?? `arn:aws:iam::${opts.accountId}:user/emulator`;
    const userId = session?.userId ?? 'AIDAEMULATOREMULATOR';
    return success(
      'GetCallerIdentity',
      `<Arn>${xmlEscape(arn)}</Arn><UserId>${xmlEscape(userId)}</UserId><Account>${opts.accountId}</Account>`,
    );
  }

  function accessKeyStatus(accessKeyId: string): AccessKeyStatus {
    const session = sessions.get(accessKeyId);
    if (!session) return 'unknown';
    return now() >= session.expiresAtMs ? 'expired' : 'ok';
  }

  const handler: ServiceHandler = (request) => {
    if (request.method !== 'POST' || request.path !== '/') return undefined;
    const params = new URLSearchParams(request.body);
    // AssumeRoleWithWebIdentity is unsigned, so the SigV4 scope cannot identify it; the version can.
    if (request.service !== 'sts' && params.get('Version') !== VERSION) return undefined;
    const action = params.get('Action');
    try {
      if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(params);
      if (action === 'AssumeRole' && request.service === 'sts') return assumeRole(params);
      if (action === 'GetCallerIdentity') return getCallerIdentity(request);
      throw new StsFault(
        400,
        'InvalidAction',
        `Could not find operation ${action ?? '(none)'} for version ${VERSION}`,
      );
    } catch (error) {
      if (error instanceof StsFault) return errorResponse(error);
      throw error;
    }
  };

  return { handler, accessKeyStatus };
}
