import type { DataConverter } from '@temporalio/common';
import type { PayloadKeyRing } from '../config/payload-keys';
import { EncryptionCodec } from './encryption-codec';

/** The workflow bundle must be built with this path too (`bundleWorkflowCode({ failureConverterPath })`). */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The one data converter of every Temporal client, worker and replayer: payloads and failure
 * messages sealed with the payload keys. Search attributes never pass through a codec and stay
 * readable for visibility queries; they hold only ids and statuses.
 */
export function resetGateDataConverter(keys: PayloadKeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/** The API and the worker refuse to start without keys: no payload may leave them in clear. */
export function requirePayloadKeys(keys: PayloadKeyRing | undefined): PayloadKeyRing {
  if (!keys) {
    throw new Error(
      'Set RESETGATE_PAYLOAD_KEYS (id:base64key,…; make a key with: openssl rand -base64 32): Temporal payloads are encrypted',
    );
  }
  return keys;
}
