import type { ConnectorResult, ResetAction } from '../../../workflows/verification/model';

export interface ConnectorRequest {
  verificationId: string;
  /** The user's corporate address: how an IdP finds the account. */
  userEmail: string;
  action: ResetAction;
}

export type ConnectorOutcome = Pick<ConnectorResult, 'status' | 'detail'>;

/**
 * The port for what happens at the IdP after an accepted approval. It is only ever called by the
 * `runResetConnector` activity, which checks the approval first. Never returns or throws secrets.
 */
export interface ResetConnector {
  readonly name: string;
  run(request: ConnectorRequest): Promise<ConnectorOutcome>;
}

/** A failure a retry cannot fix (unknown user, bad credentials); anything else thrown is retried. */
export class PermanentConnectorError extends Error {}

/** No IdP action: the approval is recorded and the agent runs the organisation's own procedure. */
export class ManualConnector implements ResetConnector {
  readonly name = 'manual';

  async run(request: ConnectorRequest): Promise<ConnectorOutcome> {
    return { status: 'recorded', detail: `${request.action.replace(/_/g, ' ')} approved; the agent runs the organisation's procedure` };
  }
}
