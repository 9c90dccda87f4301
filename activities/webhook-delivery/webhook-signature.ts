import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'ResetGate-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the subscription's secret. The
 * timestamp is signed too, so a receiver can refuse replays of an old delivery.
 */
export function webhookSignature(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
