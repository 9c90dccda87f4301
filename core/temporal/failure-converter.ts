import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Error messages and stack traces travel as an encoded payload, so the encryption codec seals them
 * too: an error from a sender or the database may quote a phone number or an answer. Loaded by
 * path (the workflow bundle includes it), as the SDK requires.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
