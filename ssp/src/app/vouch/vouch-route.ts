/** The manager's page (`/ssp/vouch`), reached from the vouch email; everything else is the user's own journey. */
export function onVouchPage(path = location.pathname): boolean {
  return /\/vouch\/?$/.test(path);
}
