import { ApplicationFailure } from '@temporalio/common';
import type { SmtpConfig } from '../../core/config/integrations-config';
import { SmtpEmailSender } from '../../activities/delivery/smtp-email-sender';
import { addressesOf, type FakeSmtp, startFakeSmtp } from '../support/fake-smtp';
import { answerAll, startSession, tokenOf, waitForVerification } from '../support/ssp-client';
import { call, type Stack, startStack } from '../support/stack';
import { rightAnswer } from '../support/workflow-harness';

/** Email through nodemailer to a real SMTP server (smtp-server), each message parsed with mailparser. */
const FROM = 'ResetGate Helpdesk <helpdesk@resetgate.test>';
const LINK = `https://rg.test/ssp/#token=${'T'.repeat(43)}`;
const message = {
  channel: 'email' as const,
  to: 'camille@personal.test',
  subject: 'Verify your identity for the helpdesk',
  body: `Open ${LINK} within 15 minutes. If you did not call the helpdesk, ignore this message.`,
  link: LINK,
  verificationId: 'v1',
};
const context = { idempotencyKey: 'verification-1/1', db: undefined as never };

function smtpConfig(port: number, overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, requireTls: false, tlsRejectUnauthorized: true, from: FROM, ...overrides };
}

describe('SmtpEmailSender', () => {
  let smtp: FakeSmtp;
  let tlsSmtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp({ auth: { user: 'mailer', pass: 'mail-pass' } });
    tlsSmtp = await startFakeSmtp({ starttls: true });
  });
  afterAll(async () => {
    await smtp?.close();
    await tlsSmtp?.close();
  });

  test('the link message: from, to, subject, the link in text and HTML, no token in the subject, nothing remote', async () => {
    const sender = new SmtpEmailSender(smtpConfig(smtp.port, { user: 'mailer', pass: 'mail-pass' }));
    const sent = await sender.send(message, context);
    const mail = await smtp.waitForMail((m) => m.envelope.to[0] === 'camille@personal.test');
    expect(mail.parsed.messageId).toBe(sent.providerMessageId);
    expect(mail.envelope).toEqual({ from: 'helpdesk@resetgate.test', to: ['camille@personal.test'] });
    expect(mail.user).toBe('mailer');
    expect(addressesOf(mail.parsed.from)).toEqual(['helpdesk@resetgate.test']);
    expect(mail.parsed.from?.text).toMatch(/ResetGate Helpdesk/);
    expect(addressesOf(mail.parsed.to)).toEqual(['camille@personal.test']);
    expect(mail.parsed.subject).toBe('Verify your identity for the helpdesk');
    expect(mail.parsed.subject).not.toContain('T'.repeat(43));
    expect(mail.parsed.text).toContain(LINK);
    expect(mail.parsed.html).toContain(`<a href="${LINK}">${LINK}</a>`);
    expect(mail.parsed.html).not.toMatch(/<img|src=|url\(|<script/i);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(sent).toMatchObject({ provider: 'smtp', status: 'sent' });

    // A retry of the same delivery carries the same Message-ID.
    const again = await sender.send(message, context);
    expect(again.providerMessageId).toBe(sent.providerMessageId);
  });

  test('SMTP_URL carries host, port and credentials', async () => {
    const sender = new SmtpEmailSender({
      ...smtpConfig(0),
      host: undefined,
      port: undefined,
      url: `smtp://mailer:mail-pass@127.0.0.1:${smtp.port}`,
    });
    const sent = await sender.send({ ...message, to: 'url@personal.test' }, { ...context, idempotencyKey: 'url' });
    const mail = await smtp.waitForMail((m) => m.envelope.to[0] === 'url@personal.test');
    expect(mail.user).toBe('mailer');
    expect(sent.provider).toBe('smtp');
  });

  test('STARTTLS: required and used; a self-signed certificate is refused unless told otherwise', async () => {
    const trusting = new SmtpEmailSender(smtpConfig(tlsSmtp.port, { requireTls: true, tlsRejectUnauthorized: false }));
    await trusting.send({ ...message, to: 'tls@personal.test' }, context);
    expect((await tlsSmtp.waitForMail((m) => m.envelope.to[0] === 'tls@personal.test')).secure).toBe(true);

    const strict = new SmtpEmailSender(smtpConfig(tlsSmtp.port, { requireTls: true }));
    const refused = await strict.send({ ...message, to: 'strict@personal.test' }, context).catch((err: unknown) => err);
    expect(String(refused)).toMatch(/self[- ]signed|certificate/i);
    expect(refused).not.toBeInstanceOf(ApplicationFailure);

    const noTls = new SmtpEmailSender(smtpConfig(smtp.port, { requireTls: true, user: 'mailer', pass: 'mail-pass' }));
    await expect(noTls.send({ ...message, to: 'plain@personal.test' }, context)).rejects.toThrow(/STARTTLS/i);
    expect(smtp.mails.some((m) => m.envelope.to[0] === 'plain@personal.test')).toBe(false);
  });

  test('an unknown mailbox (550) is a final refusal', async () => {
    smtp.unknownMailboxes.add('nobody@personal.test');
    const sender = new SmtpEmailSender(smtpConfig(smtp.port, { user: 'mailer', pass: 'mail-pass' }));
    const refused = await sender.send({ ...message, to: 'nobody@personal.test' }, context).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ nonRetryable: true, type: 'DeliveryRefused' });
  });
});

describe('a verification by email through the stack', () => {
  let smtp: FakeSmtp;
  let stack: Stack;
  beforeAll(async () => {
    smtp = await startFakeSmtp({ auth: { user: 'mailer', pass: 'mail-pass' } });
    stack = await startStack({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'mailer',
      SMTP_PASS: 'mail-pass',
      RESETGATE_MAIL_FROM: FROM,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  });

  test('the link by email to the personal address, then after approval a notice to the corporate address', async () => {
    const user = (
      await stack.db.dataSource.query(
        `SELECT id, email, personal_email FROM directory_users u
          WHERE manager_id IS NOT NULL AND cardinality(groups) > 1 AND personal_email IS NOT NULL
            AND EXISTS (SELECT 1 FROM directory_signins s WHERE s.user_id = u.id) ORDER BY id LIMIT 1`,
      )
    )[0];
    const created = await call(stack, 'POST', '/api/v1/verifications', {
      body: { user: user.email, channel: 'email', destination: user.personal_email, reason: 'account_recovery' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const linkMail = await smtp.waitForMail((m) => m.envelope.to[0] === user.personal_email);
    expect(addressesOf(linkMail.parsed.from)).toEqual(['helpdesk@resetgate.test']);
    expect(linkMail.parsed.subject).toBe('Verify your identity for the helpdesk');
    const link = /(http\S+\/ssp\/#token=[\w-]{43})/.exec(linkMail.parsed.text ?? '')?.[1];
    expect(link?.startsWith(`${stack.baseUrl}/ssp/#token=`)).toBe(true);
    expect(linkMail.parsed.subject).not.toContain(tokenOf(link!));
    expect(linkMail.parsed.html).toContain(`href="${link}"`);
    expect((await call(stack, 'GET', `/api/v1/dev/outbox?verificationId=${id}`)).body.items).toEqual([]);

    // The message leaves inside the delivery transaction; a phone cannot open it before the commit, a test can.
    await waitForVerification(stack, id, ['link_sent']);
    const { res: started, cookie } = await startSession(stack, tokenOf(link!));
    expect(started.body).toMatchObject({ status: 'in_progress' });
    await answerAll(stack, cookie, id, rightAnswer);
    const finished = await call(stack, 'POST', '/api/v1/ssp/session/finish', { key: null, cookie, body: {} });
    expect(finished.body).toMatchObject({ outcome: 'passed' });
    expect(smtp.mails.filter((m) => m.envelope.to[0] === user.email)).toEqual([]);

    const approved = await call(stack, 'POST', `/api/v1/verifications/${id}/reset-approval`, { body: { action: 'password_reset' } });
    expect(approved.status).toBe(200);
    const notice = await smtp.waitForMail((m) => m.envelope.to[0] === user.email);
    expect(addressesOf(notice.parsed.to)).toEqual([user.email]);
    expect(notice.parsed.subject).toBe('Your account was changed by the helpdesk');
    expect(notice.parsed.text).toMatch(/approved: password reset/);
    expect(notice.parsed.text).not.toMatch(/token=/);

    const done = await waitForVerification(stack, id, ['reset_completed']);
    expect(done.deliveries).toEqual([
      expect.objectContaining({ purpose: 'verification_link', channel: 'email', provider: 'smtp', status: 'sent' }),
      expect.objectContaining({ purpose: 'reset_notice', channel: 'email', provider: 'smtp', status: 'sent' }),
    ]);
  });
});
