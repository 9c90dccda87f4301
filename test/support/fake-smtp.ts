import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** Whether the session ran over TLS (SMTPS or after STARTTLS). */
  secure: boolean;
  user: string | undefined;
  parsed: ParsedMail;
}

export interface FakeSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Recipients refused with 550, as a server refuses an unknown mailbox. */
  unknownMailboxes: Set<string>;
  waitForMail(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port. Each accepted message is parsed with mailparser.
 * With `starttls` it offers STARTTLS using smtp-server's built-in self-signed certificate.
 */
export async function startFakeSmtp(options: { starttls?: boolean; auth?: { user: string; pass: string } } = {}): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  const unknownMailboxes = new Set<string>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        return callback(null, { user: auth.username });
      }
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (unknownMailboxes.has(address.address)) {
        return callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            secure: session.secure,
            user: session.user as string | undefined,
            parsed,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    unknownMailboxes,
    async waitForMail(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = mails.find(predicate);
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no matching mail after ${timeoutMs} ms; got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The addresses of a parsed header such as To or From. */
export function addressesOf(field: ParsedMail['to'] | ParsedMail['from']): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
