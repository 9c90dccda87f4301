import { ApplicationFailure, Context } from '@temporalio/activity';
import { type DataSource, IsNull } from 'typeorm';
import { appendAuditEvent } from '../../../core/audit/audit-chain';
import { DirectoryUserEntity, VerificationEntity } from '../../../core/database/entities';
import { type Approval, type ConnectorResult, RESET_CONNECTOR_MAX_ATTEMPTS } from '../../../workflows/verification/model';
import { type ConnectorOutcome, PermanentConnectorError, type ResetConnector } from './reset-connector';

export interface ConnectorActivityDeps {
  dataSource: DataSource;
  connector: ResetConnector;
  /** The audit chain's HMAC key: the connector's result is an audit event. */
  auditKey?: Buffer;
}

export function createConnectorActivities({ dataSource, connector, auditKey }: ConnectorActivityDeps) {
  return {
    /**
     * The IdP action after an accepted approval, once. The verification row must show the
     * approval the workflow recorded, or nothing is called. The result goes on the verification
     * and into the audit log in one transaction; a retry after that returns it without calling again.
     */
    async runResetConnector(input: { verificationId: string; userId: string; approval: Approval }): Promise<ConnectorResult> {
      const verifications = dataSource.getRepository(VerificationEntity);
      const verification = await verifications.findOneBy({ id: input.verificationId });
      if (verification?.connectorResult) return verification.connectorResult;
      if (verification?.status !== 'reset_approved' || !verification.approval) {
        throw ApplicationFailure.nonRetryable(`verification ${input.verificationId} has no accepted approval`, 'NotApproved');
      }
      if (!auditKey) throw ApplicationFailure.nonRetryable('RESETGATE_AUDIT_KEY is not set', 'AuditKeyMissing');
      const user = await dataSource.getRepository(DirectoryUserEntity).findOneBy({ id: input.userId });
      if (!user) throw ApplicationFailure.nonRetryable(`directory user ${input.userId} not found`, 'UserNotFound');

      const action = verification.approval.action;
      let outcome: ConnectorOutcome;
      try {
        outcome = await connector.run({ verificationId: verification.id, userEmail: user.email, action });
      } catch (err) {
        const lastAttempt = Context.current().info.attempt >= RESET_CONNECTOR_MAX_ATTEMPTS;
        if (!(err instanceof PermanentConnectorError) && !lastAttempt) throw err;
        outcome = { status: 'failed', detail: (err as Error).message };
      }
      const result: ConnectorResult = { connector: connector.name, action, ...outcome, at: new Date().toISOString() };

      return dataSource.transaction(async (db) => {
        const written = await db.update(
          VerificationEntity,
          { id: verification.id, connectorResult: IsNull() },
          { connectorResult: result },
        );
        if (!written.affected) return (await db.findOneByOrFail(VerificationEntity, { id: verification.id })).connectorResult!;
        await appendAuditEvent(db, auditKey, {
          actor: `connector:${connector.name}`,
          action: `reset_connector.${result.status}`,
          targetType: 'verification',
          targetId: verification.id,
          sourceIp: null,
          details: { connector: result.connector, action, detail: result.detail, approvedBy: verification.approval!.approvedBy },
        });
        return result;
      });
    },
  };
}
