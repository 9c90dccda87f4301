import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { DeliveryEntity, DirectoryUserEntity, VerificationEntity, VouchRequestEntity } from '../../../core/database/entities';
import { hashSecret } from '../../../core/security/hash-secret';
import type { VerificationActivities } from '../../../workflows/verification/activities';
import type { MessageSender } from '../../delivery/message-sender';
import { EmailVouchChannel, type VouchChannel } from '../../delivery/vouch-channel';
import { newToken, vouchLink } from '../link-tokens';

export interface VouchActivityDeps {
  dataSource: DataSource;
  sender: MessageSender;
  publicUrl: string;
  /** The manager's work channel: email through `sender` when not given (Slack when configured). */
  vouchChannel?: VouchChannel;
}

/** A device description short enough to show and store; the full User-Agent says no more to a manager. */
const MAX_DEVICE_LENGTH = 200;

/**
 * The vouch request: a single-use link to the manager's own work address (or their Slack, found by
 * that address), never to an address the caller could name. Created, hashed, stored and sent in
 * one transaction keyed by the activity, so a retry after success sends nothing.
 */
export function createVouchActivities({
  dataSource,
  sender,
  publicUrl,
  vouchChannel,
}: VouchActivityDeps): Pick<VerificationActivities, 'requestVouch'> {
  const channel = vouchChannel ?? new EmailVouchChannel(sender);
  return {
    async requestVouch({ verificationId, userId, expiresAt, from }) {
      const { workflowExecution, activityId, attempt } = Context.current().info;
      const idempotencyKey = `${workflowExecution?.workflowId}/${activityId}`;
      return dataSource.transaction(async (db) => {
        const user = await db.findOneBy(DirectoryUserEntity, { id: userId });
        const manager = user?.managerId ? await db.findOneBy(DirectoryUserEntity, { id: user.managerId, active: true }) : null;
        if (!manager) return { sent: false as const, detail: 'nobody on file can vouch: the directory holds no active manager' };
        if (await db.existsBy(VouchRequestEntity, { idempotencyKey })) {
          return { sent: true as const, voucherName: manager.displayName, relation: 'manager' as const };
        }
        const verification = await db.findOneByOrFail(VerificationEntity, { id: verificationId });
        const token = newToken();
        await db.insert(VouchRequestEntity, {
          verificationId,
          voucherUserId: manager.id,
          relation: 'manager',
          idempotencyKey,
          tokenHash: hashSecret(token),
          expiresAt: new Date(expiresAt),
          requesterIp: from.ip,
          requesterDevice: from.userAgent?.slice(0, MAX_DEVICE_LENGTH) ?? null,
          status: 'sent',
        });
        const link = vouchLink(publicUrl, token);
        const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - Date.now()) / 60_000));
        const sent = await channel.send(
          { email: manager.email, displayName: manager.displayName },
          {
            text:
              `${verification.userName} is on the phone with the helpdesk to reset their password and named you, ` +
              `their manager, to vouch for them. Only vouch if you have just spoken to them on video or in person. ` +
              `Open ${link} within ${minutes} minute${minutes === 1 ? '' : 's'}, sign in, and confirm or refuse. ` +
              `If you have not spoken to them, refuse: the request may be an attack on their account.`,
            link,
            requesterName: verification.userName,
            verificationId,
          },
          { idempotencyKey, db, attempt },
        );
        // In the transaction of the request itself, and checked first above: a retry after a
        // commit sends nothing. A chat post has no idempotency key, so a crash between the
        // provider's answer and the commit can repeat it once (docs/integrations.md, Slack).
        await db.insert(DeliveryEntity, {
          verificationId,
          idempotencyKey,
          purpose: 'vouch_request',
          channel: sent.channel,
          destinationMasked: manager.email,
          linkId: null,
          provider: sent.provider,
          providerMessageId: sent.providerMessageId,
        });
        return { sent: true as const, voucherName: manager.displayName, relation: 'manager' as const };
      });
    },
  };
}
