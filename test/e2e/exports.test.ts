import { request } from 'node:http';
import { createGunzip } from 'node:zlib';
import { AuditEventEntity, DirectoryUserEntity } from '../../core/database/entities';
import { csvRecords } from '../support/csv-parse';
import { apiKeyWithRoles, call, type Stack, startStack } from '../support/stack';
import { insertVerification } from '../support/workflow-harness';

/**
 * Exports for auditors over HTTP against the real API: the date range selects the rows, CSV is
 * escaped and defused, JSON is one array, exporting is audited, and rows stream with the client's
 * pace (a row added while the client is still reading arrives, which a buffered export cannot do).
 */
let stack: Stack;
let auditor: string;
const january: string[] = [];
let december: string;

const TRICKY = {
  formula: '=HYPERLINK("http://evil.example","open me")',
  comma: 'INC-1, urgent',
  quote: 'the "big" one',
  newline: 'two\r\nlines',
  unicode: 'Zoë Ørsted – 東京',
};

beforeAll(async () => {
  stack = await startStack();
  auditor = await apiKeyWithRoles(stack, 'auditor');
  const users = await stack.db.dataSource.getRepository(DirectoryUserEntity).find({ where: {}, take: 6, order: { id: 'ASC' } });
  const seed = async (user: DirectoryUserEntity, createdAt: string, ticketRef: string) => {
    const id = await insertVerification(stack.db, user, { channel: 'email', destination: 'someone@personal.example' });
    await stack.db.dataSource.query(`UPDATE verifications SET created_at = $2, ticket_ref = $3 WHERE id = $1`, [id, createdAt, ticketRef]);
    return id;
  };
  const refs = Object.values(TRICKY);
  for (const [i, ref] of refs.entries()) january.push(await seed(users[i], `2026-01-0${i + 1}T10:00:00.123456Z`, ref));
  december = await seed(users[5], '2025-12-31T23:59:59.999999Z', 'INC-outside');
});
afterAll(async () => {
  await stack?.stop();
});

const exportOf = (what: string, query: string, key: string | null = auditor) =>
  call(stack, 'GET', `/api/v1/exports/${what}?${query}`, { key, headers: { 'accept-encoding': 'identity' } });

/**
 * 100,000 audit events, one a second from `start` (~30 MB of CSV): far more than the socket buffers
 * between the two processes. Each test that needs them seeds its own, on its own days.
 */
async function seedManyAuditEvents(start: string): Promise<number> {
  const count = 100_000;
  await stack.db.dataSource.query(
    `INSERT INTO audit_events (at, actor, action, target_type, details)
      SELECT $1::timestamptz + i * interval '1 second', 'stream-test', 'probe', 'test', jsonb_build_object('i', i, 'pad', repeat('x', 200))
        FROM generate_series(1, $2::int) AS i`,
    [start, count],
  );
  // As autovacuum would after such a load: the planner then pages through the index.
  await stack.db.dataSource.query(`ANALYZE audit_events`);
  return count;
}

test('verifications as CSV: the range selects the rows, every tricky value survives, formulas are defused', async () => {
  const res = await exportOf('verifications', 'from=2026-01-01&to=2026-02-01&format=csv');
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="resetgate-verifications-2026-01-01_2026-02-01.csv"');
  const records = csvRecords(res.body);
  expect(records.map((r) => r.id)).toEqual(january); // oldest first, December's left out
  expect(Object.keys(records[0])).toEqual(
    expect.arrayContaining(['id', 'created_at', 'status', 'user_email', 'destination_masked', 'ticket_ref']),
  );
  expect(records.map((r) => r.ticket_ref)).toEqual([`'${TRICKY.formula}`, TRICKY.comma, TRICKY.quote, TRICKY.newline, TRICKY.unicode]);
  expect(records[0].created_at).toBe('2026-01-01T10:00:00.123Z');
  expect(res.body).not.toContain('someone@personal.example'); // the destination itself never leaves
});

test('verifications as JSON: one array of the API’s verification records', async () => {
  const res = await exportOf('verifications', 'from=2025-12-31T00:00:00Z&to=2026-01-03&format=json');
  expect(res.status).toBe(200);
  expect(res.contentType).toBe('application/json; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/filename="resetgate-verifications-2025-12-31_2026-01-03\.json"/);
  expect(res.body.map((v: { id: string }) => v.id)).toEqual([december, january[0], january[1]]);
  const one = await call(stack, 'GET', `/api/v1/verifications/${january[1]}`);
  // The export carries the verification record; per-message delivery statuses stay on the single GET.
  const { deliveries: _deliveries, ...record } = one.body;
  expect(res.body[2]).toEqual(record);
  const empty = await exportOf('verifications', 'from=2019-01-01&to=2019-02-01&format=json');
  expect(empty.body).toEqual([]);
});

test('keyset paging keeps rows that share a timestamp down to the microsecond, without repeats', async () => {
  // More rows than a page, all created in the same microsecond: only the id can order them.
  const user = await stack.db.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ title: 'New Joiner' });
  const ids: string[] = [];
  for (let i = 0; i < 520; i++) ids.push(await insertVerification(stack.db, user, { channel: 'email', destination: 'x@personal.example' }));
  await stack.db.dataSource.query(`UPDATE verifications SET created_at = '2024-06-01T12:00:00.654321Z' WHERE id = ANY($1)`, [ids]);
  const res = await exportOf('verifications', 'from=2024-06-01&to=2024-06-02');
  expect(csvRecords(res.body).map((r) => r.id)).toEqual([...ids].sort());
});

test('audit events as CSV and JSON, in chain order; every export is itself audited', async () => {
  // An export of verifications first, so its audit event is among those exported here.
  expect((await exportOf('verifications', 'from=2026-01-01&to=2026-02-01')).status).toBe(200);
  const now = new Date();
  const from = new Date(now.getTime() - 3_600_000).toISOString();
  const to = new Date(now.getTime() + 3_600_000).toISOString();
  const csv = await exportOf('audit-events', `from=${from}&to=${to}&format=csv`);
  expect(csv.status).toBe(200);
  const records = csvRecords(csv.body);
  expect(records.map((r) => r.action)).toEqual(expect.arrayContaining(['verifications.exported', 'audit_events.exported']));
  const ids = records.map((r) => Number(r.id));
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  const exported = records.find((r) => r.action === 'audit_events.exported')!;
  expect(exported).toMatchObject({ actor: 'apikey:test-auditor', target_type: 'export' });
  expect(JSON.parse(exported.details)).toEqual({ from, to, format: 'csv' });
  for (let i = 1; i < records.length; i++) expect(records[i].prev_hash).toBe(records[i - 1].hash);

  const json = await exportOf('audit-events', `from=${from}&to=${to}&format=json`);
  expect(json.body.slice(0, records.length).map((e: { id: string }) => e.id)).toEqual(records.map((r) => r.id));
  expect(json.body[json.body.length - 1]).toMatchObject({ action: 'audit_events.exported', details: { format: 'json' } });
});

test('roles: an agent may not export; no key is a 401', async () => {
  const agent = await apiKeyWithRoles(stack, 'agent');
  expect((await exportOf('verifications', 'from=2026-01-01&to=2026-02-01', agent)).status).toBe(403);
  expect((await exportOf('audit-events', 'from=2026-01-01&to=2026-02-01', null)).status).toBe(401);
});

test('streaming: rows go out as they are read, at the client’s pace', async () => {
  const seeded = await seedManyAuditEvents('2020-03-01');
  const url = new URL(`${stack.baseUrl}/api/v1/exports/audit-events?from=2020-03-01&to=2020-03-10&format=csv`);
  const req = request(url, { headers: { authorization: `Bearer ${auditor}`, 'accept-encoding': 'identity' } });
  req.end();
  const res = await new Promise<import('node:http').IncomingMessage>((resolve) => req.on('response', resolve));
  expect(res.statusCode).toBe(200);
  const chunks: Buffer[] = [];
  const firstChunk = new Promise<void>((resolve) =>
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunks.length === 1) {
        res.pause(); // the client stops reading: the server must stop too
        resolve();
      }
    }),
  );
  const ended = new Promise((resolve) => res.on('end', resolve));
  await firstChunk;
  expect(chunks[0].toString()).toMatch(/^id,at,actor,action,target_type/);
  // Written while the export is under way: a streaming export reaches it, one built in memory first cannot.
  // No wait is needed before it: an export built in memory has read every row before it sends its
  // first byte, and that byte is already here, so the row cannot reach it however soon it is written.
  // And the paused client holds a streaming export back, most of ~30 MB short of the row, until it resumes.
  const [late] = await stack.db.dataSource.query(
    `INSERT INTO audit_events (at, actor, action, target_type) VALUES ('2020-03-05', 'stream-test', 'late-arrival', 'test') RETURNING id`,
  );
  res.resume();
  await ended;
  // None of these rows holds a line break, so lines are rows; the header and the last row are read properly.
  const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
  expect(lines.pop()).toBe('');
  expect(lines.length).toBe(1 + seeded + 1);
  expect(csvRecords(`${lines[0]}\r\n${lines[lines.length - 1]}\r\n`)[0]).toMatchObject({ id: late.id, action: 'late-arrival' });
  expect(await stack.db.dataSource.getRepository(AuditEventEntity).countBy({ action: 'late-arrival' })).toBe(1);
});

test('a gzip download decompresses to the same export; a download abandoned halfway leaves the API serving', async () => {
  const seeded = await seedManyAuditEvents('2020-04-01');
  const url = `${stack.baseUrl}/api/v1/exports/audit-events?from=2020-04-01&to=2020-04-10&format=json`;
  const get = (encoding: string) =>
    new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
      request(url, { headers: { authorization: `Bearer ${auditor}`, 'accept-encoding': encoding } }, resolve)
        .on('error', reject)
        .end(),
    );
  const zipped = await get('gzip');
  expect(zipped.headers['content-encoding']).toBe('gzip');
  const body: Buffer[] = [];
  for await (const chunk of zipped.pipe(createGunzip())) body.push(chunk as Buffer);
  const events = JSON.parse(Buffer.concat(body).toString('utf8'));
  expect(events).toHaveLength(seeded);
  expect(events.map((e: { details: { i: number } }) => e.details.i)).toEqual(Array.from({ length: seeded }, (_, i) => i + 1));

  const abandoned = await get('identity');
  await new Promise((resolve) => abandoned.once('data', resolve));
  abandoned.destroy();
  const after = await exportOf('verifications', 'from=2026-01-01&to=2026-02-01');
  expect(csvRecords(after.body)).toHaveLength(january.length);
});
