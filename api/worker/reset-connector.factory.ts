import { KeycloakConnector } from '../../activities/reset-connector/keycloak-connector';
import { ManualConnector, type ResetConnector } from '../../activities/reset-connector/reset-connector';
import type { ResetConnectorConfig } from '../config/integrations-config';

/** The post-approval connector RESETGATE_RESET_CONNECTOR names. */
export function resetConnector(config: ResetConnectorConfig): ResetConnector {
  if (config.kind === 'keycloak') return new KeycloakConnector(config);
  return new ManualConnector();
}
