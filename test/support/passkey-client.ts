import type { UserAnswer } from '../../workflows/verification/question';
import type { ChallengeQuestionEntity } from '../../core/database/entities';
import { rightAnswer } from './workflow-harness';
import { answerAll, linkFor, startSession, tokenOf, waitForVerification } from './ssp-client';
import type { SoftAuthenticator } from './soft-authenticator';
import { type ApiResponse, call, type Stack } from './stack';

export interface DirectoryUser {
  id: string;
  email: string;
  mobile_phone: string;
}

/** Users of the standard policy (not in a privileged group) whom the directory knows well enough to ask. */
export async function standardUsers(stack: Stack, count: number, offset = 0): Promise<DirectoryUser[]> {
  return stack.db.dataSource.query(
    `SELECT id, email, mobile_phone FROM directory_users u
      WHERE mobile_phone IS NOT NULL AND manager_id IS NOT NULL AND cardinality(groups) > 1
        AND NOT (groups && ARRAY['okta-admins','github-admins','workday-admins','endpoint-admins','fin-payroll'])
      ORDER BY id OFFSET $1 LIMIT $2`,
    [offset, count],
  );
}

/** A verification sent to the number on record, its session started from the link: id and SSP cookie. */
export async function openSession(stack: Stack, user: DirectoryUser): Promise<{ id: string; cookie: string }> {
  const created = await call(stack, 'POST', '/api/v1/verifications', {
    body: { user: user.email, channel: 'sms', destination: user.mobile_phone, reason: 'password_reset' },
  });
  if (created.status !== 201) throw new Error(`verification not created: ${JSON.stringify(created.body)}`);
  const { cookie, res } = await startSession(stack, tokenOf(await linkFor(stack, created.body.id)));
  if (res.status !== 201) throw new Error(`session not started: ${JSON.stringify(res.body)}`);
  return { id: created.body.id, cookie };
}

/** Answers every question and finishes: the finish answer, and the enrolment cookie a pass sets (if any). */
export async function finishSession(
  stack: Stack,
  session: { id: string; cookie: string },
  choose: (q: ChallengeQuestionEntity) => UserAnswer | null = rightAnswer,
): Promise<{ finished: ApiResponse; grantCookie: string | null }> {
  await answerAll(stack, session.cookie, session.id, choose);
  const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie: session.cookie, body: {} });
  await waitForVerification(stack, session.id, [finished.body.outcome]);
  return { finished, grantCookie: enrolmentCookie(finished) };
}

/** `rg_passkey_enrolment=…` from the answer's Set-Cookie headers, or null. */
export function enrolmentCookie(res: ApiResponse): string | null {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('rg_passkey_enrolment='));
  return header ? header.split(';')[0] : null;
}

/** Adds the authenticator as the user's recovery passkey with the grant, as the SSP does after a pass. */
export async function enrolPasskey(stack: Stack, grantCookie: string, authenticator: SoftAuthenticator): Promise<ApiResponse> {
  const options = await call(stack, 'POST', '/api/v1/ssp/passkeys/registration/options', { key: null, cookie: grantCookie, body: {} });
  if (options.status !== 200) throw new Error(`registration options refused: ${JSON.stringify(options.body)}`);
  return call(stack, 'POST', '/api/v1/ssp/passkeys/registration/verify', {
    key: null,
    cookie: grantCookie,
    body: authenticator.register(options.body, { origin: stack.baseUrl }),
  });
}
