import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { DeliveryEntity, DirectoryUserEntity } from '../../core/database/entities';
import { maskDestination } from '../../core/security/mask';
import type { NoticeActivities } from '../../workflows/notices/activities';
import type { MessageSender, OutgoingMessage } from '../delivery/message-sender';

export interface NoticeActivityDeps {
  dataSource: DataSource;
  sender: MessageSender;
}

/**
 * The notice on every address on file when a recovery passkey is added (NIST SP 800-63B-4: bind
 * an authenticator, notify the subscriber). Each address is its own send, keyed by the activity
 * and the address, so a retry after a partial failure sends only what is missing.
 */
export function createNoticeActivities({ dataSource, sender }: NoticeActivityDeps): NoticeActivities {
  return {
    async sendPasskeyNotice({ userId, verificationId, addedAt }) {
      const { workflowExecution, activityId } = Context.current().info;
      const user = await dataSource.getRepository(DirectoryUserEntity).findOneBy({ id: userId });
      if (!user) return { sentTo: 0 };
      const when = new Date(addedAt).toUTCString();
      const body =
        `A recovery passkey was added to your account (${user.email}) on ${when}, right after a helpdesk identity check. ` +
        `It lets you prove it's you the next time you call the helpdesk. ` +
        `If this wasn't you, contact your security team now: someone may be trying to take over your account.`;
      const addresses: { channel: OutgoingMessage['channel']; to: string }[] = [
        { channel: 'email', to: user.email },
        ...(user.personalEmail ? [{ channel: 'email' as const, to: user.personalEmail }] : []),
        ...(user.mobilePhone ? [{ channel: 'sms' as const, to: user.mobilePhone }] : []),
      ];
      for (const { channel, to } of addresses) {
        const idempotencyKey = `${workflowExecution?.workflowId}/${activityId}/${channel}:${to.toLowerCase()}`;
        await dataSource.transaction(async (db) => {
          if (await db.existsBy(DeliveryEntity, { idempotencyKey })) return;
          const sent = await sender.send(
            { channel, to, subject: 'A recovery passkey was added to your account', body, verificationId },
            { idempotencyKey, db },
          );
          await db.insert(DeliveryEntity, {
            verificationId,
            idempotencyKey,
            purpose: 'passkey_notice',
            channel,
            destinationMasked: maskDestination(channel, to),
            linkId: null,
            provider: sent.provider,
            providerMessageId: sent.providerMessageId,
          });
        });
      }
      return { sentTo: addresses.length };
    },
  };
}
