/** What the webhook delivery workflow asks for; activities/webhook-delivery/ implements it. Only ids travel. */
export interface WebhookActivities {
  /** One attempt; throws on anything but 2xx, so the retry policy tries again. */
  deliverWebhook(input: { deliveryId: string }): Promise<{ status: string }>;
  markWebhookFailed(input: { deliveryId: string }): Promise<void>;
}
