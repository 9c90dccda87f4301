import * as wf from '@temporalio/workflow';
import type { NoticeActivities, PasskeyNoticeInput } from './activities';

const acts = wf.proxyActivities<NoticeActivities>({
  startToCloseTimeout: '1 minute',
  // A notice that an authenticator was bound is a security control (NIST SP 800-63B-4): keep trying for a day.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  scheduleToCloseTimeout: '1 day',
});

/** The notice after a recovery passkey is added: on every address on file, so the real user hears of it. */
export async function passkeyNoticeWorkflow(input: PasskeyNoticeInput): Promise<number> {
  return (await acts.sendPasskeyNotice(input)).sentTo;
}

/** One notice per passkey: starting it twice is a no-op. */
export const passkeyNoticeWorkflowId = (passkeyId: string) => `passkey-notice-${passkeyId}`;
