/** Shows enough of a destination to recognise it on a call, not enough to reuse it. */
export function maskDestination(channel: 'sms' | 'email', destination: string): string {
  if (channel === 'sms') return `${destination.slice(0, 3)}${'•'.repeat(Math.max(0, destination.length - 5))}${destination.slice(-2)}`;
  const [local, domain] = destination.split('@');
  return `${local.slice(0, 1)}${'•'.repeat(Math.max(1, local.length - 1))}@${domain}`;
}
