import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/**
 * RESETGATE_ASSURANCE=proofs over HTTP, against the real processes: what the agent and auditors
 * read while proofs decide (docs/assurance.md). In development no strong proof is set up yet, so a
 * caller who knows every answer ends with a referee, never a pass.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ RESETGATE_ASSURANCE: 'proofs' });
});
afterAll(async () => {
  await stack?.stop();
});

async function userWithPhone(where: string): Promise<{ email: string; mobile_phone: string }> {
  const [user] = await stack.db.dataSource.query(
    `SELECT email, mobile_phone FROM directory_users u
      WHERE mobile_phone IS NOT NULL AND manager_id IS NOT NULL AND cardinality(groups) > 1 AND ${where}
      ORDER BY id LIMIT 1`,
  );
  return user;
}

test('right answers without a strong proof end in needs_referee, with the proofs and the receipt on the verification; approval is a 409', async () => {
  const user = await userWithPhone(`NOT ('github-admins' = ANY(u.groups))`);
  // Nobody on file to vouch for them either: no strong proof is left to give.
  await stack.db.dataSource.query(`UPDATE directory_users SET manager_id = NULL WHERE email = $1`, [user.email]);
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ assurance: 'standard', proofs: expect.any(Array), receipt: null });

  const { cookie } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  await answerAll(stack, cookie, created.body.id, rightAnswer);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
  expect(finished).toMatchObject({ status: 200, body: { outcome: 'needs_referee' } });

  const verification = await waitForVerification(stack, created.body.id, ['needs_referee']);
  expect(verification.proofs.map((p: { kind: string; status: string }) => `${p.kind}:${p.status}`)).toEqual(
    expect.arrayContaining([
      'destination_of_record:met',
      'recovery_passkey:unavailable',
      'vouch:unavailable',
      'identity_document:unavailable',
    ]),
  );
  expect(verification.receipt).toMatchObject({
    outcome: 'needs_referee',
    assurance: 'standard',
    recoveryClass: null,
    reasons: [expect.stringMatching(/in person or on video/)],
  });

  const approval = await call(stack, 'POST', `/api/v1/verifications/${created.body.id}/reset-approval`, {
    body: { action: 'password_reset' },
  });
  expect(approval.status).toBe(409);
  expect(approval.contentType).toContain('application/problem+json');
});

test('members of the privileged groups get the privileged policy', async () => {
  const user = await userWithPhone(`'github-admins' = ANY(u.groups)`);
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  expect(created.body).toMatchObject({ assurance: 'privileged', requiredApprovals: 2 });
});
