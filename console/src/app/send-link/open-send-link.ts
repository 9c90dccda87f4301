import type { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import type { VerificationView } from '../api/views';
import { SendLinkDialog, type SendLinkPrefill } from './send-link-dialog';

/** Opens the send-link dialog; resolves with the new verification, or undefined if the agent closed it. */
export async function openSendLinkDialog(dialog: MatDialog, prefill: SendLinkPrefill): Promise<VerificationView | undefined> {
  const ref = dialog.open<SendLinkDialog, SendLinkPrefill, VerificationView>(SendLinkDialog, {
    data: prefill,
    width: '40rem',
    maxWidth: '95vw',
    autoFocus: 'first-tabbable',
    restoreFocus: true,
  });
  return firstValueFrom(ref.afterClosed());
}
