import { KeycloakConnector } from '../activities/verification/reset-connector/keycloak-connector';
import { ManualConnector, type ResetConnector } from '../activities/verification/reset-connector/reset-connector';
import type { ResetConnectorConfig } from '../core/config/integrations-config';

/** The post-approval connector RESETGATE_RESET_CONNECTOR names. */
export function resetConnector(config: ResetConnectorConfig): ResetConnector {
  if (config.kind === 'keycloak') return new KeycloakConnector(config);
  return new ManualConnector();
}
