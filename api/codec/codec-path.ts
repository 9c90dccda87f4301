/** Temporal's remote codec protocol: the UI and the CLI POST to `{endpoint}/encode` and `{endpoint}/decode`. */
export const CODEC_PATH = '/api/v1/temporal-codec';

/** A page of history payloads can be large; other API bodies stay at 64 kB. */
export const CODEC_BODY_LIMIT = '4mb';
