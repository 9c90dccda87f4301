import type { VerificationEntity } from '../../core/database/entities';
import type { ReceiptView, RiskSummary, VerificationView } from './dto/verification.view.dto';

export type { VerificationView } from './dto/verification.view.dto';

/**
 * The verification as the API contract shows it (the fields of the OpenAPI document). Typed as the
 * documented DTO, so a field added here and not there (or the reverse) does not compile.
 */
export function toVerificationView(v: VerificationEntity): VerificationView {
  return {
    id: v.id,
    status: v.status,
    outcome: v.outcome,
    outcomeReason: v.outcomeReason,
    cancelReason: v.cancelReason,
    user: { id: v.userId, email: v.userEmail, name: v.userName },
    channel: v.channel,
    destinationMasked: v.destinationMasked,
    reason: v.reason,
    ticketRef: v.ticketRef,
    initiatedBy: v.initiatedBy,
    createdAt: v.createdAt.toISOString(),
    linkExpiresAt: v.linkExpiresAt?.toISOString() ?? null,
    sessionExpiresAt: v.sessionExpiresAt?.toISOString() ?? null,
    completedAt: v.completedAt?.toISOString() ?? null,
    approvalDeadline: v.approvalDeadline?.toISOString() ?? null,
    riskScore: v.riskScore,
    summary: summarise(v),
    session: v.risk?.context ?? null,
    resetAction: v.approval,
    stepUp: v.stepUp,
    requiredApprovals: v.requiredApprovals,
    approvals: v.approvals ?? (v.approval ? [v.approval] : []),
    connectorResult: v.connectorResult,
    policyVersion: v.policy.version,
    supersededBy: v.supersededBy,
    assurance: v.policy.assurance?.name ?? null,
    assurancePolicy: v.policy.assurance ?? null,
    proofs: v.proofs ?? [],
    receipt: v.receipt,
    refereeCheck: v.refereeCheck ?? null,
  };
}

function summarise(v: VerificationEntity): RiskSummary {
  const factors = v.risk?.factors ?? [];
  const category = (name: string) => {
    const own = factors.filter((f) => f.category === name);
    return { points: own.reduce((sum, f) => sum + f.points, 0), factors: own.map((f) => f.description) };
  };
  return {
    network: category('network'),
    endpoint: category('endpoint'),
    persona: category('persona'),
    challenge: category('challenge'),
  };
}

/**
 * What this viewer may see: agents see the outcome and every risk factor, and the number itself
 * only when the policy says so (RESETGATE_AGENTS_SEE_RISK_SCORE); admins and auditors see all.
 */
export function viewFor<T extends { riskScore: number | null; receipt?: ReceiptView | null; outcomeReason?: string | null }>(
  view: T,
  roles: readonly string[],
  agentsSeeRiskScore: boolean,
): T {
  if (agentsSeeRiskScore || roles.includes('admin') || roles.includes('auditor')) return view;
  const { receipt, outcomeReason } = view;
  const hidden = receipt && {
    ...receipt,
    ...(receipt.signals && { signals: { ...receipt.signals, riskScore: null } }),
    reasons: receipt.reasons.map(withoutRiskNumbers),
  };
  return {
    ...view,
    riskScore: null,
    ...(receipt !== undefined && { receipt: hidden }),
    ...(typeof outcomeReason === 'string' && { outcomeReason: withoutRiskNumbers(outcomeReason) }),
  };
}

/**
 * The workflow's reasons name the risk score ("challenge score 0.8, risk 3"); an agent who may not
 * see the number gets the same sentence without it.
 */
export function withoutRiskNumbers(reason: string): string {
  const n = String.raw`\d+(?:\.\d+)?`;
  return reason
    .replace(new RegExp(`risk ${n} above maximum ${n}`, 'g'), 'risk above the maximum')
    .replace(new RegExp(`raised by risk ${n}`, 'g'), 'raised by risk')
    .replace(new RegExp(`, risk ${n}`, 'g'), '');
}
