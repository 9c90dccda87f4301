import type { EntityManager } from 'typeorm';
import { appendAuditEvent, type AuditRow } from '../../core/audit/audit-chain';
import { VerificationEntity } from '../../core/database/entities';
import type { ProgressUpdate } from '../../workflows/verification/activities';
import type { Approval } from '../../workflows/verification/model';

/**
 * Appends the audit events a progress update means, in the transaction that writes it, so each
 * exists exactly when its change does: `reset_approval.accepted` for each approval added, and
 * `verification.cancelled` when the verification becomes cancelled. (The requests, with their
 * addresses, are audited by the API before it sends them.) The row is locked and compared first,
 * so an activity retry after a commit adds nothing twice.
 */
export async function auditProgress(db: EntityManager, auditKey: Buffer, update: ProgressUpdate): Promise<void> {
  const approving = !!(update.approval || update.approvals);
  const cancelling = update.status === 'cancelled';
  if (!approving && !cancelling) return;
  const before = await db.findOne(VerificationEntity, {
    where: { id: update.verificationId },
    lock: { mode: 'pessimistic_write' },
    select: { id: true, status: true, approval: true, approvals: true, requiredApprovals: true },
  });
  if (!before) return;
  const event = (row: Pick<AuditRow, 'actor' | 'action' | 'details'>) =>
    appendAuditEvent(db, auditKey, { ...row, targetType: 'verification', targetId: update.verificationId, sourceIp: null });

  const known = new Set(approvalsOf(before.approval, before.approvals).map((a) => a.approvedBy));
  for (const [index, approval] of approvalsOf(update.approval ?? null, update.approvals ?? null).entries()) {
    if (known.has(approval.approvedBy)) continue;
    await event({
      actor: approval.approvedBy,
      action: 'reset_approval.accepted',
      details: {
        action: approval.action,
        ticketRef: approval.ticketRef ?? null,
        approvals: index + 1,
        requiredApprovals: before.requiredApprovals,
      },
    });
  }
  if (cancelling && before.status !== 'cancelled') {
    await event({
      actor: 'workflow',
      action: 'verification.cancelled',
      details: { cancelReason: update.cancelReason ?? null, reason: update.outcomeReason ?? null },
    });
  }
}

/** Every approval on record, in order: the list for a reset that needs two, the single one otherwise. */
function approvalsOf(approval: Approval | null, approvals: Approval[] | null): Approval[] {
  const all = [...(approvals ?? [])];
  if (approval && !all.some((a) => a.approvedBy === approval.approvedBy)) all.push(approval);
  return all;
}
