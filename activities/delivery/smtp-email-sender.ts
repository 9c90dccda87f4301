import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../../core/config/integrations-config';
import { deliveryRefused } from './delivery-refused';
import { emailHtml } from './email-html';
import type { MessageSender, OutgoingMessage, SendContext, SendResult } from './message-sender';

/** Email through an SMTP relay: plain text and a simple HTML part. */
export class SmtpEmailSender implements MessageSender {
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      ...(config.url ? { url: config.url } : { host: config.host, port: config.port, secure: config.secure }),
      ...(config.user && { auth: { user: config.user, pass: config.pass ?? '' } }),
      requireTLS: config.requireTls,
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized, minVersion: 'TLSv1.2' },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(config.from)?.[1] ?? 'resetgate.invalid';
  }

  async send(message: OutgoingMessage, { idempotencyKey }: SendContext): Promise<SendResult> {
    if (message.channel !== 'email') throw new Error(`SmtpEmailSender sends email, not ${message.channel}`);
    // The same Message-ID on a retry lets a receiving server recognise a duplicate.
    const messageId = `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${this.messageIdDomain}>`;
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: message.to,
        subject: message.subject ?? 'A message from the helpdesk',
        text: message.body,
        html: emailHtml(message),
        messageId,
        // RFC 3834: no out-of-office replies to an automatic message.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { provider: 'smtp', providerMessageId: messageId, status: 'sent' };
    } catch (err) {
      throw classify(err);
    }
  }
}

/** A 5xx SMTP reply (unknown mailbox, refused sender) is final; 4xx and connection failures are retried. */
function classify(err: unknown): unknown {
  const code = (err as { responseCode?: number }).responseCode;
  if (typeof code === 'number' && code >= 500) return deliveryRefused('The mail server', (err as Error).message);
  return err;
}
