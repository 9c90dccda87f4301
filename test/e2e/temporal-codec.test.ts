import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { findTemporalCli } from '../../dev/temporal-dev-server';
import { AuditEventEntity } from '../../core/database/entities';
import { signInToConsole } from '../support/console-session';
import { waitForVerification } from '../support/ssp-client';
import { apiKeyWithRoles, call, type Stack, startStack } from '../support/stack';
import { verificationWorkflowId } from '../../api/verifications/verification-workflows';

/**
 * The codec endpoint speaks Temporal's remote codec protocol: the real `temporal` CLI decodes a
 * verification's history through it, auditors and admins may decode (and it is audited), nobody
 * else may, bad bodies are 400 problems, and the Temporal UI's origin passes CORS.
 */
let stack: Stack;
let raw: Client;
let rawConnection: Connection;
let keys: { auditor: string; agent: string; admin: string };
let verificationId: string;
let workflowId: string;
const CODEC = '/api/v1/temporal-codec';
const UI_ORIGIN = 'http://localhost:8233';

beforeAll(async () => {
  stack = await startStack();
  keys = {
    auditor: await apiKeyWithRoles(stack, 'auditor'),
    agent: await apiKeyWithRoles(stack, 'agent'),
    admin: await apiKeyWithRoles(stack, 'admin'),
  };
  const [user] = await stack.db.dataSource.query(`SELECT email, mobile_phone FROM directory_users WHERE mobile_phone IS NOT NULL LIMIT 1`);
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'account_unlock' },
  });
  verificationId = created.body.id;
  workflowId = verificationWorkflowId(verificationId);
  await waitForVerification(stack, verificationId, ['link_sent']);
  await call(stack, 'POST', `/api/v1/verifications/${verificationId}/cancel`);
  rawConnection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  raw = new Client({ connection: rawConnection });
});
afterAll(async () => {
  await rawConnection?.close();
  await stack?.stop();
});

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const fromJson = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});

/** The workflow input exactly as Temporal stores it: sealed. */
async function storedInput(): Promise<Payload> {
  const history = await raw.workflow.getHandle(workflowId).fetchHistory();
  return history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
}

const codec = (op: string, key: string | null, body: unknown, headers: Record<string, string> = {}) =>
  call(stack, 'POST', `${CODEC}/${op}`, { key, body, headers: { 'x-namespace': 'default', ...headers } });

const decodedAudits = () => stack.db.dataSource.getRepository(AuditEventEntity).findBy({ action: 'payloads.decoded' });

test('an auditor decodes a stored payload; the decode is audited with who, namespace and count', async () => {
  const sealed = await storedInput();
  expect(Buffer.from(sealed.metadata!.encoding!).toString()).toBe('binary/encrypted');
  const before = (await decodedAudits()).length;
  const res = await codec('decode', keys.auditor, { payloads: [toJson(sealed)] });
  expect(res.status).toBe(200);
  expect(res.body.payloads).toHaveLength(1);
  const input = defaultPayloadConverter.fromPayload<{ verificationId: string; reason: string }>(fromJson(res.body.payloads[0]));
  expect(input).toMatchObject({ verificationId, reason: 'account_unlock' });

  const audits = await decodedAudits();
  expect(audits).toHaveLength(before + 1);
  expect(audits[audits.length - 1]).toMatchObject({
    actor: 'apikey:test-auditor',
    targetType: 'temporal-namespace',
    targetId: 'default',
    details: { payloads: 1, decrypted: 1, keyIds: ['test-1'] },
  });
});

test('round trip: an admin encodes with the current key, and decoding gives the payload back; clear payloads pass through unaudited', async () => {
  const clear = defaultPayloadConverter.toPayload({ note: 'round trip' });
  const encoded = await codec('encode', keys.admin, { payloads: [toJson(clear)] });
  expect(encoded.status).toBe(200);
  const sealed = encoded.body.payloads[0];
  expect(Buffer.from(sealed.metadata['encryption-key-id'], 'base64').toString()).toBe('test-1');
  expect(Buffer.from(sealed.data, 'base64').toString()).not.toContain('round trip');
  const decoded = await codec('decode', keys.admin, { payloads: [sealed] });
  expect(defaultPayloadConverter.fromPayload(fromJson(decoded.body.payloads[0]))).toEqual({ note: 'round trip' });

  const before = (await decodedAudits()).length;
  const passthrough = await codec('decode', keys.auditor, { payloads: [toJson(clear)] });
  expect(passthrough.body).toEqual({ payloads: [toJson(clear)] });
  expect(await decodedAudits()).toHaveLength(before);
});

test('the real temporal CLI shows the history decoded through the endpoint', async () => {
  const cli = findTemporalCli();
  expect(cli).toBeDefined();
  const show = (extra: string[]) =>
    promisify(execFile)(
      cli!,
      ['workflow', 'show', '--address', process.env.TEMPORAL_ADDRESS!, '--workflow-id', workflowId, '--output', 'json', ...extra],
      { encoding: 'utf8' },
    );
  // The CLI prints payloads as protobuf JSON: read the workflow input back from its output.
  const input = (stdout: string) => {
    const payload = JSON.parse(stdout).events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
    return { encoding: Buffer.from(payload.metadata.encoding, 'base64').toString(), data: Buffer.from(payload.data, 'base64').toString() };
  };
  const sealed = input((await show([])).stdout);
  expect(sealed.encoding).toBe('binary/encrypted');
  expect(sealed.data).not.toContain(verificationId);
  const { stdout } = await show(['--codec-endpoint', `${stack.baseUrl}${CODEC}`, '--codec-auth', `Bearer ${keys.auditor}`]);
  expect(input(stdout)).toEqual({ encoding: 'json/plain', data: expect.stringContaining(`"verificationId":"${verificationId}"`) });
});

test('roles: no key is a 401, an agent may do neither, an auditor may decode but not encode', async () => {
  const body = { payloads: [toJson(await storedInput())] };
  const statuses = {
    decodeNoKey: (await codec('decode', null, body)).status,
    decodeAgent: (await codec('decode', keys.agent, body)).status,
    encodeAgent: (await codec('encode', keys.agent, body)).status,
    encodeAuditor: (await codec('encode', keys.auditor, body)).status,
  };
  expect(statuses).toEqual({ decodeNoKey: 401, decodeAgent: 403, encodeAgent: 403, encodeAuditor: 403 });
});

test('CORS: the Temporal UI origin gets a preflight with credentials; another origin is refused', async () => {
  const preflight = (origin: string) =>
    fetch(`${stack.baseUrl}${CODEC}/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });
  const ok = await preflight(UI_ORIGIN);
  expect(ok.status).toBe(204);
  expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
  expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  expect(ok.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/);
  const evil = await preflight('https://evil.example');
  expect(evil.status).toBe(403);
  expect(evil.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();

  const post = await codec('decode', keys.auditor, { payloads: [] }, { origin: UI_ORIGIN });
  expect(post.status).toBe(200);
  expect(post.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
});

test('the Temporal UI decodes with an auditor’s console session (its origin, no CSRF token); other origins and agents cannot', async () => {
  const auditor = await signInToConsole(stack, 'auditor@example.com');
  const agent = await signInToConsole(stack, 'agent@example.com');
  const body = { payloads: [toJson(await storedInput())] };
  const fromUi = await call(stack, 'POST', `${CODEC}/decode`, { key: null, cookie: auditor.cookie, body, headers: { origin: UI_ORIGIN } });
  expect(fromUi.status).toBe(200);
  expect(defaultPayloadConverter.fromPayload(fromJson(fromUi.body.payloads[0]))).toMatchObject({ verificationId });
  const elsewhere = await call(stack, 'POST', `${CODEC}/decode`, {
    key: null,
    cookie: auditor.cookie,
    body,
    headers: { origin: 'https://evil.example' },
  });
  expect(elsewhere.status).toBe(403);
  const asAgent = await call(stack, 'POST', `${CODEC}/decode`, { key: null, cookie: agent.cookie, body, headers: { origin: UI_ORIGIN } });
  expect(asAgent.status).toBe(403);
  // Elsewhere in the API the session still needs its CSRF token, even from the UI's origin.
  const change = await call(stack, 'POST', `/api/v1/verifications/${verificationId}/cancel`, {
    key: null,
    cookie: agent.cookie,
    body: {},
    headers: { origin: UI_ORIGIN },
  });
  expect(change.body.type).toBe('https://resetgate.dev/problems/csrf-failed');
});

test('history export is decrypted, replayable, and audited', async () => {
  const res = await call(stack, 'GET', `/api/v1/verifications/${verificationId}/history`, { key: keys.auditor });
  expect(res.status).toBe(200);
  const input = res.body.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
  expect(Buffer.from(input.metadata.encoding, 'base64').toString()).toBe('json/plain');
  expect(Buffer.from(input.data, 'base64').toString()).toContain(verificationId);
  const audit = await stack.db.dataSource.getRepository(AuditEventEntity).findBy({ action: 'history.exported', targetId: verificationId });
  expect(audit.map((a) => a.actor)).toEqual(['apikey:test-auditor']);
});
