import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { recordProof } from '../../../workflows/verification/messages';
import { AppConfig } from '../../../core/config/app-config';
import { DirectoryUserEntity, SspSessionEntity, VerificationEntity } from '../../../core/database/entities';
import { decideIdentityDocument, readVerifiedClaims } from '../../../core/identity-document/verified-claims';
import { AuditService } from '../../audit/audit.service';
import { LoginAttempts } from '../../auth/sso/login-attempts';
import { ProblemException, type ProblemKind } from '../../common/problem';
import { VerificationWorkflows } from '../../verifications/verification-workflows';
import { IdentityVerificationAdapter } from './identity-verification-adapter';

export const IDENTITY_DOCUMENT_CALLBACK_PATH = '/api/v1/ssp/identity-document/callback';
/** Marks an authorization request in flight as this proof's, so a console or step-up handle is never taken for one. */
const RETURN_TO = '/ssp/?document';

/** Where the browser goes back to the SSP with `?document=`: the proof met or failed, or nothing done. */
export type IdentityDocumentOutcome = 'met' | 'failed' | 'cancelled';

const TRY_AGAIN = 'Try again from your verification page, or continue without it.';

type VerificationFacts = Pick<VerificationEntity, 'policy' | 'status' | 'proofs'>;

/**
 * Why the user cannot check an identity document in this verification now, or undefined when they
 * can. One check per verification: a document that did not match is not tried again with another.
 */
export function identityDocumentUnavailable(verification: VerificationFacts): string | undefined {
  const assurance = verification.policy.assurance;
  if (!assurance) return 'This verification is not decided by proofs, so a document adds nothing. Continue with the questions.';
  if (!assurance.required.includes('identity_document') && !assurance.strong.from.includes('identity_document')) {
    return `The ${assurance.name} policy does not use identity documents. Continue with the questions.`;
  }
  if (verification.status !== 'in_progress') return 'This verification is not in progress any more. Ask the helpdesk for a new link.';
  const done = verification.proofs?.find((p) => p.kind === 'identity_document' && (p.status === 'met' || p.status === 'failed'));
  if (done?.status === 'met') return 'Your identity document is already confirmed for this verification.';
  if (done) return 'An identity document was already checked for this verification. Continue with the questions.';
  return undefined;
}

/**
 * The `identity_document` proof (docs/assurance.md, "Identity document"): during a session the user
 * goes to the identity-verification provider, which checks a document and a selfie and answers with
 * OpenID Connect for Identity Assurance `verified_claims`. The API redeems that answer once, matches
 * the verified name to the directory record, records `met` or `failed` with `recordProof`, and
 * audits it. Every bad callback is a 4xx problem that records nothing.
 */
@Injectable()
export class IdentityDocumentService {
  private readonly logger = new Logger(IdentityDocumentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adapter: IdentityVerificationAdapter,
    private readonly loginAttempts: LoginAttempts,
    private readonly workflows: VerificationWorkflows,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Whether the session may offer "Verify with an identity document", and whether a document was already checked. */
  offer(verification: VerificationEntity): { offered: boolean; done: boolean } {
    const done = !!verification.proofs?.some((p) => p.kind === 'identity_document' && (p.status === 'met' || p.status === 'failed'));
    return { offered: !!this.adapter.provider && !identityDocumentUnavailable(verification), done };
  }

  /** Starts a check; the handle goes in a cookie that binds the provider's answer to this browser. */
  async begin(session: SspSessionEntity): Promise<{ authorizationUrl: string; handle: string }> {
    const verification = await this.verificationOf(session.verificationId);
    const why = this.adapter.provider ? identityDocumentUnavailable(verification) : 'Identity documents cannot be checked here.';
    if (why) throw new ProblemException('identityDocumentUnavailable', why);
    const request = await this.adapter
      .authorizationRequest({
        redirectUri: `${this.config.publicUrl}${IDENTITY_DOCUMENT_CALLBACK_PATH}`,
        loginHint: verification.userEmail,
      })
      .catch(() => {
        throw new ProblemException(
          'identityVerificationUnavailable',
          'The identity-verification service did not answer. Try again later, or continue without it.',
        );
      });
    const handle = await this.loginAttempts.remember(request, { returnTo: RETURN_TO, verificationId: verification.id });
    await this.record(verification.id, 'ssp.identity_document_started', null, { provider: this.adapter.provider!.issuer });
    return { authorizationUrl: request.url.toString(), handle };
  }

  /** Redeems the provider's answer once, decides the proof and tells the workflow. */
  async complete(handle: string | undefined, callbackUrl: URL, sourceIp: string | null): Promise<IdentityDocumentOutcome> {
    const attempt = await this.loginAttempts.redeem(handle);
    if (!attempt?.verificationId || attempt.returnTo !== RETURN_TO) {
      this.logger.warn('identity document callback refused: no live check started from this browser');
      throw new ProblemException(
        'identityDocumentInvalid',
        `This identity check was not started from your verification page, was already used, or took too long. ${TRY_AGAIN}`,
      );
    }
    const verification = await this.verificationOf(attempt.verificationId);
    const refuse = async (kind: ProblemKind, detail: string, reason: string): Promise<never> => {
      await this.record(verification.id, 'ssp.identity_document_refused', sourceIp, { reason: reason.slice(0, 300) });
      throw new ProblemException(kind, detail);
    };

    // The SSP session must still be open: its cookie is SameSite=Strict, so it does not come
    // back with the provider's cross-site redirect, but its row says whether it is.
    const live = await this.dataSource
      .getRepository(SspSessionEntity)
      .existsBy({ verificationId: verification.id, finishedAt: IsNull(), expiresAt: MoreThan(new Date()) });
    if (!live) return refuse('sessionInvalid', 'Your verification session has ended. Ask the helpdesk for a new link.', 'no open session');

    const error = callbackUrl.searchParams.get('error');
    if (error === 'access_denied') {
      await this.record(verification.id, 'ssp.identity_document_cancelled', sourceIp, { error });
      return 'cancelled';
    }
    if (error) {
      return refuse(
        'identityDocumentInvalid',
        `The identity-verification service reported a problem. ${TRY_AGAIN}`,
        `provider error: ${error}`,
      );
    }
    const why = identityDocumentUnavailable(verification);
    if (why) return refuse('identityDocumentUnavailable', why, why);

    const answer = await this.adapter.complete(callbackUrl, attempt).catch((err: unknown) => {
      this.logger.warn(`identity document answer refused by the OIDC checks: ${String(err)}`);
      return null;
    });
    if (!answer)
      return refuse(
        'identityDocumentInvalid',
        `The identity-verification service’s answer did not pass the checks. ${TRY_AGAIN}`,
        'OIDC checks failed',
      );
    const verified = readVerifiedClaims(answer.verifiedClaims);
    if (!verified) {
      return refuse(
        'identityDocumentInvalid',
        `The identity-verification service did not say whose document it checked. ${TRY_AGAIN}`,
        'no usable verified_claims',
      );
    }

    const user = await this.dataSource.getRepository(DirectoryUserEntity).findOneByOrFail({ id: verification.userId });
    const provider = this.adapter.provider!;
    const decision = decideIdentityDocument(
      verified,
      { given: user.givenName, family: user.familyName },
      { issuer: provider.issuer, now: new Date(), rules: provider },
    );
    const recorded = await this.workflows.update(verification.id, recordProof, { kind: 'identity_document', ...decision });
    if (!recorded.accepted) {
      return refuse(
        'proofRefused',
        `Your document was checked, but this verification did not accept it (${recorded.reason}).`,
        `recordProof refused: ${recorded.reason}`,
      );
    }
    await this.record(verification.id, 'ssp.identity_document', sourceIp, {
      status: decision.status,
      nameMatch: decision.evidence.nameMatch,
      trustFramework: decision.evidence.trustFramework,
      selfie: decision.evidence.selfie,
      providerSubject: answer.subject.slice(0, 100),
    });
    return decision.status;
  }

  private verificationOf(id: string): Promise<VerificationEntity> {
    return this.dataSource.getRepository(VerificationEntity).findOneByOrFail({ id });
  }

  private record(verificationId: string, action: string, sourceIp: string | null, details: Record<string, unknown>) {
    return this.audit.record({ actor: 'ssp-user', action, targetType: 'verification', targetId: verificationId, sourceIp, details });
  }
}
