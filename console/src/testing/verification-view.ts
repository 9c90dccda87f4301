import type { VerificationView } from '../app/api/views';

const nothing = { points: 0, factors: [] };

/**
 * A verification as the API returns it, with only what a spec is about given. The id and the
 * creation time are what the list orders and matches rows by, so every spec names them.
 */
export function verification(fields: Partial<VerificationView> & Pick<VerificationView, 'id' | 'createdAt'>): VerificationView {
  return {
    status: 'link_sent',
    outcome: null,
    outcomeReason: null,
    cancelReason: null,
    user: { id: 'u-1', email: 'ada.lovelace@example.com', name: 'Ada Lovelace' },
    channel: 'sms',
    destinationMasked: '+44 ••• ••• •123',
    reason: 'password_reset',
    ticketRef: null,
    initiatedBy: 'user:agent@example.com',
    linkExpiresAt: null,
    sessionExpiresAt: null,
    completedAt: null,
    approvalDeadline: null,
    riskScore: null,
    summary: { network: nothing, endpoint: nothing, persona: nothing, challenge: nothing },
    session: null,
    resetAction: null,
    stepUp: null,
    requiredApprovals: 1,
    approvals: [],
    connectorResult: null,
    policyVersion: 'v1',
    supersededBy: null,
    assurance: null,
    assurancePolicy: null,
    proofs: [],
    receipt: null,
    refereeCheck: null,
    ...fields,
  };
}
