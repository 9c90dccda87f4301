import type { EntityManager } from 'typeorm';
import type { DeliveryView } from './dto/verification.view.dto';

/** The messages sent for a verification (the link, the reset notice) with their delivery status. */
export async function verificationDeliveries(db: EntityManager, verificationId: string): Promise<DeliveryView[]> {
  const rows: {
    purpose: string;
    channel: string;
    destination_masked: string;
    provider: string;
    status: string | null;
    error_code: string | null;
    updated_at: Date | null;
    created_at: Date;
  }[] = await db.query(
    `SELECT d.purpose, d.channel, d.destination_masked, d.provider, s.status, s.error_code, s.updated_at, d.created_at
       FROM deliveries d
       LEFT JOIN message_statuses s ON s.provider = d.provider AND s.provider_message_id = d.provider_message_id
      WHERE d.verification_id = $1
      ORDER BY d.created_at`,
    [verificationId],
  );
  return rows.map((r) => ({
    purpose: r.purpose,
    channel: r.channel,
    destinationMasked: r.destination_masked,
    provider: r.provider,
    status: r.status,
    errorCode: r.error_code,
    statusAt: r.updated_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
