import { Connection } from '@temporalio/client';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { auditKeyBytes } from '../../core/audit/audit-key';
import { verifyAuditChain } from '../../core/audit/audit-chain';
import { dataSourceOptions } from '../../core/database/data-source-options';
import type { FlowRecord } from './flows';
import { sleep } from './processes';

/** Statuses a verification may still leave: anything else is final. `passed` waits for the approval or its window. */
const NOT_FINAL = ['created', 'link_sent', 'in_progress', 'passed', 'reset_approved'];
const RUNNING = 1; // temporal.api.enums.v1.WorkflowExecutionStatus
const COMPLETED = 2;

/** What the database and Temporal say after a run, each finding with the verification it is about. */
export interface ServerFindings {
  verifications: number;
  outcomes: Record<string, number>;
  lost: string[];
  stuck: string[];
  duplicateMessages: string[];
  duplicateApprovals: string[];
  missingAudit: string[];
  orphanWorkflows: string[];
  /** Verifications whose link was spent: a Start refused after a retry strands the caller only then. */
  spentLinks: Set<string>;
  auditChain: { intact: boolean; checked: number; firstBroken: string | null };
}

/** Waits until no verification can still change, or the deadline (lifetimes plus grace) passes. */
export async function waitUntilSettled(pool: Pool, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const { rows } = await pool.query(`SELECT count(*)::int AS open FROM verifications WHERE status = ANY($1)`, [NOT_FINAL]);
      if (rows[0].open === 0) return;
    } catch {
      /* the database may still be recovering */
    }
    await sleep(2000);
  }
}

interface VerificationRow {
  id: string;
  workflow_id: string;
  status: string;
  outcome: string | null;
  cancel_reason: string | null;
  required_approvals: number;
  approval: { approvedBy: string } | null;
  /** Only for a reset that needs more than one approver: `approval` holds the last (or only) one. */
  approvals: { approvedBy: string }[] | null;
}

/** Everyone who approved, once each: the single approval and the list of a reset that needs two. */
function approversOf(v: VerificationRow): string[] {
  return [...new Set([...(v.approvals ?? []), ...(v.approval ? [v.approval] : [])].map((a) => a.approvedBy))];
}

export async function checkServer(
  pool: Pool,
  databaseUrl: string,
  temporal: { address: string; taskQueue: string },
  auditKey: string,
  flows: FlowRecord[],
): Promise<ServerFindings> {
  const verifications: VerificationRow[] = (
    await pool.query(`SELECT id, workflow_id, status, outcome, cancel_reason, required_approvals, approval, approvals FROM verifications`)
  ).rows;
  const counts = async (sql: string) => new Map<string, number>((await pool.query(sql)).rows.map((r) => [r.id, r.n]));
  const linkMessages = await counts(
    `SELECT verification_id AS id, count(*)::int AS n FROM dev_outbox_messages WHERE link IS NOT NULL GROUP BY 1`,
  );
  const linkDeliveries = await counts(
    `SELECT verification_id AS id, count(*)::int AS n FROM deliveries WHERE purpose = 'verification_link' GROUP BY 1`,
  );
  const usedLinks = await counts(
    `SELECT verification_id AS id, count(*)::int AS n FROM verification_links WHERE used_at IS NOT NULL GROUP BY 1`,
  );
  const graded = new Set<string>((await pool.query(`SELECT id FROM challenge_questions WHERE grade IS NOT NULL`)).rows.map((r) => r.id));
  const audit: { id: string; action: string; actor: string; n: number }[] = (
    await pool.query(
      `SELECT target_id AS id, action, actor, count(*)::int AS n FROM audit_events WHERE target_type = 'verification' GROUP BY 1, 2, 3`,
    )
  ).rows;
  const auditCount = (id: string, action: string) =>
    audit.filter((a) => a.id === id && a.action === action).reduce((sum, a) => sum + a.n, 0);

  const findings: ServerFindings = {
    verifications: verifications.length,
    outcomes: {},
    lost: [],
    stuck: [],
    duplicateMessages: [],
    duplicateApprovals: [],
    missingAudit: [],
    orphanWorkflows: [],
    spentLinks: new Set(usedLinks.keys()),
    auditChain: await auditChain(databaseUrl, auditKey),
  };
  const workflows = await workflowStatuses(temporal, verifications);
  const byId = new Map(verifications.map((v) => [v.id, v]));

  for (const v of verifications) {
    const outcome = v.outcome ?? `(${v.status})`;
    findings.outcomes[outcome] = (findings.outcomes[outcome] ?? 0) + 1;
    if (NOT_FINAL.includes(v.status)) findings.stuck.push(`${v.id} still ${v.status}`);
    const workflow = workflows.statuses.get(v.workflow_id);
    if (workflow === RUNNING) findings.stuck.push(`${v.id}: workflow still running`);
    else if (workflow === undefined) findings.stuck.push(`${v.id}: no workflow`);
    else if (workflow !== COMPLETED) findings.stuck.push(`${v.id}: workflow closed as status ${workflow}, not completed`);

    const messages = linkMessages.get(v.id) ?? 0;
    const deliveries = linkDeliveries.get(v.id) ?? 0;
    if (messages > 1 || deliveries > 1) findings.duplicateMessages.push(`${v.id}: ${messages} link messages, ${deliveries} deliveries`);
    if (messages === 0 && v.cancel_reason !== 'delivery_failed' && v.cancel_reason !== 'superseded')
      findings.lost.push(`${v.id}: no link was sent (${v.status})`);

    const accepted = audit.filter((a) => a.id === v.id && a.action === 'reset_approval.accepted');
    const acceptedTotal = accepted.reduce((sum, a) => sum + a.n, 0);
    const approvals = approversOf(v).length;
    const listed = (v.approvals ?? []).map((a) => a.approvedBy);
    const sameApprover = [
      ...new Set([...accepted.filter((a) => a.n > 1).map((a) => a.actor), ...listed.filter((who, i) => listed.indexOf(who) !== i)]),
    ];
    if (sameApprover.length || acceptedTotal > v.required_approvals || approvals > v.required_approvals)
      findings.duplicateApprovals.push(
        `${v.id}: ${approvals} approvals, ${acceptedTotal} accepted events for ${v.required_approvals} required${sameApprover.length ? `; twice by ${sameApprover.join(', ')}` : ''}`,
      );

    if (auditCount(v.id, 'verification.created') === 0) findings.missingAudit.push(`${v.id}: verification.created`);
    if ((usedLinks.get(v.id) ?? 0) > 0 && auditCount(v.id, 'link.redeemed') === 0) findings.missingAudit.push(`${v.id}: link.redeemed`);
    if (approvals > acceptedTotal)
      findings.missingAudit.push(`${v.id}: reset_approval.accepted (${approvals} approvals, ${acceptedTotal} events)`);
  }
  findings.orphanWorkflows = workflows.orphans;

  // Acknowledged to a client, missing on the server: the "lost" work.
  for (const flow of flows) {
    const id = flow.verificationId;
    if (!id || !flow.acknowledged.created) continue;
    const v = byId.get(id);
    if (!v) {
      findings.lost.push(`flow ${flow.index}: created ${id}, which does not exist`);
      continue;
    }
    if (flow.acknowledged.started && !usedLinks.get(id)) findings.lost.push(`flow ${flow.index}: session started, link not spent`);
    const ungraded = flow.acknowledged.answered.filter((q) => !graded.has(q));
    if (ungraded.length) findings.lost.push(`flow ${flow.index}: ${ungraded.length} acknowledged answers not graded`);
    if (flow.acknowledged.outcome && flow.acknowledged.outcome !== v.outcome)
      findings.lost.push(`flow ${flow.index}: told ${flow.acknowledged.outcome}, recorded ${v.outcome ?? v.status}`);
    if (flow.acknowledged.approvals > 0 && approversOf(v).length === 0)
      findings.lost.push(`flow ${flow.index}: approval acknowledged, not recorded`);
  }
  return findings;
}

async function auditChain(databaseUrl: string, auditKey: string): Promise<ServerFindings['auditChain']> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const verdict = await verifyAuditChain(dataSource.manager, auditKeyBytes(auditKey));
    return {
      intact: verdict.intact,
      checked: verdict.checked,
      firstBroken: verdict.firstBroken && `${verdict.firstBroken.id}: ${verdict.firstBroken.reason}`,
    };
  } finally {
    await dataSource.destroy();
  }
}

/** Each verification's workflow status, and verification workflows on the run's task queue with no verification row. */
async function workflowStatuses(temporal: { address: string; taskQueue: string }, verifications: VerificationRow[]) {
  const connection = await Connection.connect({ address: temporal.address, connectTimeout: 5000 });
  const service = connection.workflowService;
  try {
    const statuses = new Map<string, number>();
    for (const v of verifications) {
      try {
        const described = await service.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: v.workflow_id } });
        statuses.set(v.workflow_id, described.workflowExecutionInfo?.status ?? 0);
      } catch {
        /* not found: reported as "no workflow" */
      }
    }
    const known = new Set(verifications.map((v) => v.workflow_id));
    const orphans: string[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await service.listWorkflowExecutions({
        namespace: 'default',
        query: `TaskQueue = '${temporal.taskQueue}' AND WorkflowType = 'verificationWorkflow'`,
        pageSize: 1000,
        nextPageToken,
      });
      for (const execution of page.executions ?? []) {
        const workflowId = execution.execution?.workflowId ?? '';
        if (!known.has(workflowId)) orphans.push(`${workflowId} (status ${execution.status})`);
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return { statuses, orphans };
  } finally {
    await connection.close();
  }
}
