/** Where Twilio posts message status callbacks: the API serves it, the SMS sender names it in each message. */
export const TWILIO_STATUS_PATH = '/api/v1/twilio/status';

/**
 * The status callback URL given to Twilio, and the exact URL its signature is checked against:
 * built from the configured public URL, never from a request's Host header.
 */
export function twilioStatusCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${TWILIO_STATUS_PATH}`;
}
