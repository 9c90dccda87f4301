import { parsePayloadKeys } from '../../core/config/payload-keys';

/** Not secrets: fixed keys so every test process (API, worker, harness, replayer) reads the same payloads. */
export const TEST_AUDIT_KEY = 'test-audit-key-not-secret';
export const TEST_PAYLOAD_KEYS = `test-1:${Buffer.from('resetgate-test-payload-key-32byt').toString('base64')}`;
export const testPayloadKeyRing = () => parsePayloadKeys(TEST_PAYLOAD_KEYS);
