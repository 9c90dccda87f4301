import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { completeStepUp } from '../../../workflows/verification/messages';
import { AuditService } from '../../audit/audit.service';
import { LoginAttempts } from '../../auth/sso/login-attempts';
import { OidcClient } from '../../auth/sso/oidc-client';
import { ProblemException } from '../../common/problem';
import { AppConfig } from '../../../core/config/app-config';
import { type SspSessionEntity, VerificationEntity } from '../../../core/database/entities';
import { VerificationWorkflows } from '../../verifications/verification-workflows';
import { signedInAsUser } from './identity-match';
import { signInMethod } from './sign-in-method';

export const STEP_UP_CALLBACK_PATH = '/api/v1/ssp/step-up/callback';

export type StepUpOutcome = 'matched' | 'mismatch' | 'cancelled' | 'closed';

/**
 * The SSP's optional IdP step-up: the user signs in again at the organisation's IdP; the
 * workflow records whether that person is the user being verified. It counts as one more
 * method in the outcome, and a mismatch weighs heavily in the risk score.
 */
@Injectable()
export class StepUpService {
  private readonly logger = new Logger(StepUpService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: VerificationWorkflows,
    private readonly oidc: OidcClient,
    private readonly loginAttempts: LoginAttempts,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Starts the step-up; the handle goes in a cookie that binds the callback to this browser. */
  async begin(session: SspSessionEntity): Promise<{ authorizationUrl: string; handle: string }> {
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: session.verificationId });
    if (!verification.policy.idpStepUp)
      throw new ProblemException('stepUpUnavailable', 'This verification does not offer signing in at your organisation.');
    if (verification.stepUp) throw new ProblemException('stepUpUnavailable', 'You have already signed in for this verification.');
    const request = await this.oidc
      .authorizationRequest({ callbackPath: STEP_UP_CALLBACK_PATH, loginHint: verification.userEmail, reauthenticate: true })
      .catch(() => {
        throw new ProblemException(
          'ssoUnavailable',
          'Your organisation’s sign-in page did not answer. Continue with the questions instead.',
        );
      });
    const handle = await this.loginAttempts.remember(request, { returnTo: '/ssp/', verificationId: verification.id });
    return { authorizationUrl: request.url.toString(), handle };
  }

  /** Redeems the IdP's answer once and tells the workflow who signed in. */
  async complete(handle: string | undefined, callbackUrl: URL, sourceIp: string | null): Promise<StepUpOutcome> {
    const attempt = await this.loginAttempts.redeem(handle);
    if (!attempt?.verificationId) {
      throw new ProblemException('signInFailed', 'This sign-in was not started from your verification page, or took too long.');
    }
    const verification = await this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id: attempt.verificationId });
    const record = (action: string, details: Record<string, unknown> = {}) =>
      this.audit.record({ actor: 'ssp-user', action, targetType: 'verification', targetId: verification.id, sourceIp, details });
    if (callbackUrl.searchParams.has('error')) {
      await record('ssp.step_up_cancelled', { error: callbackUrl.searchParams.get('error') });
      return 'cancelled';
    }
    const signIn = await this.oidc.completeSignIn(callbackUrl, { ...attempt, reauthenticated: true }).catch((err: unknown) => {
      this.logger.warn(`step-up refused by the OIDC checks: ${String(err)}`);
      throw new ProblemException(
        'signInFailed',
        'Your organisation’s answer did not pass the checks. Continue with the questions instead.',
      );
    });
    const matched = signedInAsUser(signIn.claims, verification.userEmail);
    const recorded = await this.workflows.update(verification.id, completeStepUp, {
      matched,
      issuer: this.config.sso.issuer,
      ...(matched && { method: signInMethod(signIn.claims, new Date()) }),
    });
    if (!recorded.accepted) return 'closed';
    await record('ssp.step_up', { matched, idpSubject: String(signIn.claims.sub) });
    return matched ? 'matched' : 'mismatch';
  }
}
