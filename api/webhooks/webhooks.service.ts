import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, IsNull } from 'typeorm';
import { checkWebhookDestination, WebhookDestinationRefused } from '../../core/webhooks/webhook-destination';
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/webhook-outbox';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { AppConfig } from '../../core/config/app-config';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from '../../core/database/entities';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { CreatedWebhook, WebhookDeliveryList, WebhookList, WebhookView } from './dto/webhook.view.dto';

/** Webhook subscriptions and their delivery log. The secret is returned once, by `create`. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async create(dto: CreateWebhookDto, principal: Principal, sourceIp: string | null): Promise<CreatedWebhook> {
    if (!this.config.webhookAllowPrivate) await refuseInternalDestination(dto.url);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (db) => {
      const subscription = await db.save(
        db.create(WebhookSubscriptionEntity, {
          url: dto.url,
          events: dto.events ?? [...WEBHOOK_EVENT_TYPES],
          secret,
          description: dto.description ?? null,
          createdBy: principal.id,
        }),
      );
      await this.audit.record(
        {
          actor: principal.id,
          action: 'webhook.created',
          targetType: 'webhook',
          targetId: subscription.id,
          sourceIp,
          details: { url: new URL(dto.url).origin, events: subscription.events },
        },
        db,
      );
      return { ...view(subscription), secret };
    });
  }

  async list(): Promise<WebhookList> {
    const rows = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return { items: rows.map(view) };
  }

  /** Stops deliveries at once: pending ones are cancelled, and the delivery activity re-checks. The log stays. */
  async remove(id: string, principal: Principal, sourceIp: string | null): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      const { affected } = await db.update(WebhookSubscriptionEntity, { id, deletedAt: IsNull() }, { deletedAt: new Date() });
      if (!affected) throw new ProblemException('notFound', `No webhook with id ${id}.`);
      await db.update(WebhookDeliveryEntity, { subscriptionId: id, status: 'pending' }, { status: 'cancelled' });
      await this.audit.record({ actor: principal.id, action: 'webhook.deleted', targetType: 'webhook', targetId: id, sourceIp }, db);
    });
  }

  /** Newest first: each event's status, attempts, the last HTTP status and the last error. */
  async deliveries(id: string, limit: number): Promise<WebhookDeliveryList> {
    if (!(await this.dataSource.getRepository(WebhookSubscriptionEntity).existsBy({ id }))) {
      throw new ProblemException('notFound', `No webhook with id ${id}.`);
    }
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT d.id, d.event_id, e.type, e.verification_id, d.status, d.attempts, d.last_status_code, d.last_error,
              d.last_attempt_at, d.delivered_at, d.created_at
         FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
        WHERE d.subscription_id = $1
        ORDER BY d.created_at DESC, d.id
        LIMIT $2`,
      [id, limit],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        eventId: r.event_id,
        eventType: r.type,
        verificationId: r.verification_id,
        status: r.status,
        attempts: r.attempts,
        lastStatusCode: r.last_status_code,
        lastError: r.last_error,
        lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        createdAt: r.created_at.toISOString(),
      })),
    };
  }
}

/** Internal addresses are refused here and again at each delivery (the worker checks as it connects). */
async function refuseInternalDestination(url: string): Promise<void> {
  try {
    await checkWebhookDestination(url);
  } catch (err) {
    const detail =
      err instanceof WebhookDestinationRefused
        ? `${err.message}. Webhooks go to public addresses only; for a receiver inside your network set RESETGATE_WEBHOOK_ALLOW_PRIVATE=true.`
        : `${new URL(url).hostname} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'lookup failed'}): check the URL.`;
    throw new ProblemException('webhookDestinationRefused', detail);
  }
}

function view(s: WebhookSubscriptionEntity): WebhookView {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    description: s.description,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}
