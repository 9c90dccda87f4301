import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { DirectoryUserEntity, RecoveryPasskeyEntity, VerificationEntity } from '../../../core/database/entities';
import { maskDestination } from '../../../core/security/mask';
import type { ProofOptions, VerificationActivities } from '../../../workflows/verification/activities';
import type { DestinationLookup } from '../../delivery/destination-lookup';

export interface ProofActivityDeps {
  dataSource: DataSource;
  /** Carrier data for SMS destinations (Twilio Lookup); none means the number is not checked. */
  lookup?: DestinationLookup;
  /** Whether an identity-verification provider is configured (IDV_ISSUER); without one the identity document is unavailable. */
  identityVerification?: boolean;
}

/** What the proofs can be: the destination held against the record, and the strong proofs the user has. */
export function createProofActivities({
  dataSource,
  lookup,
  identityVerification = false,
}: ProofActivityDeps): Pick<VerificationActivities, 'prepareProofs'> {
  return {
    async prepareProofs({ verificationId, userId, idpStepUp }): Promise<ProofOptions> {
      const verification = await dataSource.getRepository(VerificationEntity).findOneBy({ id: verificationId });
      if (!verification) throw ApplicationFailure.nonRetryable(`verification ${verificationId} not found`, 'VerificationNotFound');
      const user = await dataSource.getRepository(DirectoryUserEntity).findOneBy({ id: userId });
      const { channel, destination, destinationMasked } = verification;
      const onFile = channel === 'sms' ? user?.mobilePhone : user?.personalEmail;
      const what = channel === 'sms' ? 'number' : 'address';

      let options: ProofOptions['destination'];
      if (!onFile || onFile.toLowerCase() !== destination.toLowerCase()) {
        const record = onFile ? `the ${what} on record is ${maskDestination(channel, onFile)}` : `there is no ${what} on record`;
        options = { onRecord: false, detail: `the link went to ${destinationMasked}, which the caller gave; ${record}` };
      } else if (channel === 'sms' && lookup) {
        const finding = await lookup.check(destination);
        options = finding.against
          ? {
              onRecord: true,
              against: finding.against,
              detail: `${destinationMasked} is on record, but ${finding.against}`,
              evidence: finding.evidence,
            }
          : { onRecord: true, detail: `${destinationMasked} is the ${what} on record`, evidence: finding.evidence };
      } else {
        options = { onRecord: true, detail: `${destinationMasked} is the ${what} on record` };
      }
      const hasPasskey = await dataSource.getRepository(RecoveryPasskeyEntity).existsBy({ userId });
      const hasVoucher =
        !!user?.managerId && (await dataSource.getRepository(DirectoryUserEntity).existsBy({ id: user.managerId, active: true }));
      return { destination: options, unavailable: unavailableProofs({ hasPasskey, idpStepUp, hasVoucher, identityVerification }) };
    },
  };
}

/**
 * The strong proofs this user cannot give: a recovery passkey when they have enrolled none; the
 * IdP sign-in when the policy does not offer it; a vouch when no active manager is on file; an
 * identity document when no identity-verification provider is configured.
 */
function unavailableProofs({
  hasPasskey,
  idpStepUp,
  hasVoucher,
  identityVerification,
}: {
  hasPasskey: boolean;
  idpStepUp: boolean;
  hasVoucher: boolean;
  identityVerification: boolean;
}): ProofOptions['unavailable'] {
  return [
    ...(hasPasskey ? [] : [{ kind: 'recovery_passkey' as const, detail: 'no recovery passkey is enrolled' }]),
    ...(idpStepUp ? [] : [{ kind: 'idp_phishing_resistant' as const, detail: 'signing in at the organisation’s IdP is not offered' }]),
    ...(hasVoucher ? [] : [{ kind: 'vouch' as const, detail: 'nobody on file can vouch: the directory holds no active manager' }]),
    ...(identityVerification ? [] : [{ kind: 'identity_document' as const, detail: 'no identity-verification provider is configured' }]),
  ];
}
