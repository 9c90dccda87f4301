import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { TwilioConfig } from '../../core/config/integrations-config';

/** One Twilio REST client per use (messages, lookups), with the retry and timeout settings they share. */
export function twilioClient(config: TwilioConfig): twilio.Twilio {
  return twilio(config.accountSid, config.authToken, {
    httpClient: config.apiBaseUrl ? new RebasedRequestClient(config.apiBaseUrl) : undefined,
    timeout: 15_000,
    // Twilio answers 429 when an account sends too fast; the SDK's own backoff covers bursts.
    autoRetry: true,
    maxRetries: 3,
  });
}

/**
 * Sends the SDK's requests to another origin, path and query kept as the SDK built them. The SDK
 * can only vary the hostname inside twilio.com (edge, region); this serves a gateway or a test peer.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.baseUrl}${original.pathname}${original.search}` });
  }
}
