import type { ClientSignals } from '../../../workflows/verification/messages';
import type { SessionContext } from '../../../workflows/verification/model';
import { deviceFamily } from './device-family';
import type { NetworkFacts } from './network-intel';

/** The session as an agent reads it: the network and the device, without the IP address itself. */
export function sessionContext(network: NetworkFacts, session: ClientSignals, finish: ClientSignals): SessionContext {
  const userAgent = finish.userAgent ?? session.userAgent ?? '';
  return {
    ipCountry: network.country,
    asn: network.asn,
    asOrganisation: network.asOrganisation,
    networkKind: network.kind,
    deviceFamily: deviceFamily(userAgent) ?? null,
    platform: finish.platform ?? session.platform ?? null,
    timezone: finish.timezone ?? session.timezone ?? null,
  };
}
