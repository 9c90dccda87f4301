/**
 * What each caller can prove, for the strength harness: where the link reaches them, and which
 * strong proofs (workflows/verification/assurance.ts) they can give. Every number is an
 * assumption, written down so it can be argued with.
 *
 * Whether a user HAS a proof (a passkey enrolled, a phishing-resistant method at the IdP, a
 * manager on file) is the victim's, known to the server; an impostor calling about them meets the
 * same availability, and can only fail to give what the user has.
 */
import { type ProofKind, type ProofResult, type ProofStatus } from '../../workflows/verification/assurance';
import type { PersonaName } from './personas';
import { chance, type Random } from './random';

/** Where the link went: the destination of record, one the caller dictated, or nowhere the caller can read. */
export type LinkRoute = 'on record' | 'dictated' | 'no link';

export interface ProofAttempt {
  route: LinkRoute;
  /** What today's rule (the link goes wherever the caller asks) would have seen: did it go to the destination on file? */
  todayOnRecord: boolean;
  /** In the order the workflow gathers them; a kind missing is one the caller could have tried and did not. */
  proofs: ProofResult[];
  /** Proofs this caller would meet if nothing went wrong: who could satisfy a policy at all (genuine users). */
  metable: ProofKind[];
}

/** What the server knows about the user whose account is at stake. */
export interface Victim {
  hasManager: boolean;
}

/** The share of verifications whose link goes by SMS; the rest by email to a personal address. */
export const SMS_SHARE = 0.7;

// Genuine users: what they realistically have.
/** The phone or personal email on record is still theirs; else (new number, lost phone) they give a new one. */
const DESTINATION_ON_RECORD_CURRENT = 0.9;
/** On SMS, Twilio Lookup flags a recent, legitimate SIM change (a new phone, a new contract). */
const LEGITIMATE_SIM_CHANGE_FLAGGED = 0.01;
/** Has enrolled a ResetGate recovery passkey; its assertion works (else a new phone without synced passkeys, a cancelled prompt). */
const PASSKEY_ENROLLED = 0.35;
const PASSKEY_ASSERTION_SUCCEEDS = 0.97;
/** Can sign in at the IdP with a phishing-resistant method (passkey, security key) while locked out of the rest; it succeeds. */
const PHISHING_RESISTANT_SIGNIN_POSSIBLE = 0.3;
const PHISHING_RESISTANT_SIGNIN_SUCCEEDS = 0.95;
/** The manager (or recovery contact) answers in time; and, having seen the user on video or in person, confirms. */
const VOUCHER_REACHABLE = 0.85;
const VOUCHER_CONFIRMS_USER = 0.97;
/** Has an identity document and a phone camera; the provider verifies the document and selfie; the name matches the directory. */
const HAS_DOCUMENT_AND_CAMERA = 0.8;
const DOCUMENT_VERIFIED = 0.92;
const DOCUMENT_NAME_MATCHES = 0.97;

// Impostors.
/** Twilio Lookup's sim_swap flags a swap within the period it reports on (48 hours for most carriers). */
const SIM_SWAP_FLAGGED = 0.9;
/** Told to use the destination of record, the agent is still talked into sending the link to a number or address the caller gives. */
const AGENT_SENDS_TO_DICTATED = 0.5;
/** The voucher, told who is asking, why and from where, confirms without having seen the user (a rubber stamp). */
const VOUCHER_RUBBER_STAMPS = 0.03;
/** The voucher checks with the real user and refuses; otherwise they do not answer in time. */
const VOUCHER_REFUSES = 0.6;
/** A forged document in the victim's name, with the impostor's selfie, passes the provider and the name match. */
const FORGED_DOCUMENT_PASSES = 0.01;

/** How an impostor gets hold of the link. */
type LinkAccess = 'talks the agent round' | 'ported number' | 'sends it to themselves';

export const PROOF_CAPABILITIES: Record<PersonaName, (victim: Victim, random: Random) => ProofAttempt> = {
  genuine: genuineProofs,
  outsider: impostorProofs('talks the agent round'),
  'directory reader': impostorProofs('talks the agent round'),
  colleague: impostorProofs('talks the agent round'),
  'SIM-swapper': impostorProofs('ported number'),
  'SIM-swapper + directory reader': impostorProofs('ported number'),
  'insider agent': impostorProofs('sends it to themselves'),
};

/** The user tries every strong proof they have: one failing does not stop them trying the next. */
function genuineProofs(victim: Victim, random: Random): ProofAttempt {
  const sms = chance(SMS_SHARE, random);
  const proofs: ProofResult[] = [];
  const metable: ProofKind[] = [];
  const offer = (kind: ProofKind, available: boolean, works: () => boolean, detail: string) => {
    if (!available) return proofs.push(result(kind, 'unavailable', `the user has no ${detail}`));
    metable.push(kind);
    if (works()) return proofs.push(result(kind, 'met', detail));
    // An IdP sign-in that does not end well records nothing; the workflow then counts it as not given (unavailable).
    proofs.push(result(kind, kind === 'idp_phishing_resistant' ? 'unavailable' : 'failed', `${detail} did not hold`));
  };
  const onRecord = chance(DESTINATION_ON_RECORD_CURRENT, random);
  if (!onRecord) proofs.push(result('destination_of_record', 'unavailable', 'the caller gave a new number or address'));
  else {
    metable.push('destination_of_record');
    const flagged = sms && chance(LEGITIMATE_SIM_CHANGE_FLAGGED, random);
    const detail = flagged ? 'Twilio Lookup: SIM changed recently' : 'on record';
    proofs.push(result('destination_of_record', flagged ? 'against' : 'met', detail));
  }
  offer('recovery_passkey', chance(PASSKEY_ENROLLED, random), () => chance(PASSKEY_ASSERTION_SUCCEEDS, random), 'recovery passkey');
  offer(
    'idp_phishing_resistant',
    chance(PHISHING_RESISTANT_SIGNIN_POSSIBLE, random),
    () => chance(PHISHING_RESISTANT_SIGNIN_SUCCEEDS, random),
    'phishing-resistant sign-in',
  );
  offer(
    'vouch',
    victim.hasManager && chance(VOUCHER_REACHABLE, random),
    () => chance(VOUCHER_CONFIRMS_USER, random),
    'voucher who answers',
  );
  offer(
    'identity_document',
    chance(HAS_DOCUMENT_AND_CAMERA, random),
    () => chance(DOCUMENT_VERIFIED, random) && chance(DOCUMENT_NAME_MATCHES, random),
    'identity document',
  );
  return { route: onRecord ? 'on record' : 'dictated', todayOnRecord: onRecord, proofs, metable };
}

/** An impostor tries every proof too: they cannot know which one will let them through. */
function impostorProofs(access: LinkAccess) {
  return (victim: Victim, random: Random): ProofAttempt => {
    const sms = chance(SMS_SHARE, random);
    const proofs: ProofResult[] = [];
    let route: LinkRoute;
    if (access === 'ported number' && sms) {
      // The SMS to the number on record reaches the ported SIM, unless Lookup sees the swap.
      route = 'on record';
      const flagged = chance(SIM_SWAP_FLAGGED, random);
      proofs.push(result('destination_of_record', flagged ? 'against' : 'met', flagged ? 'Twilio Lookup: SIM swapped' : 'on record'));
    } else {
      // The insider sends it where they like; the SIM-swapper on email dictates an address; the rest must talk the agent round.
      route = access === 'talks the agent round' && !chance(AGENT_SENDS_TO_DICTATED, random) ? 'no link' : 'dictated';
      if (route === 'no link') return { route, todayOnRecord: false, proofs, metable: [] };
      proofs.push(result('destination_of_record', 'unavailable', 'a destination the caller gave'));
    }
    // What the user has enrolled the impostor cannot give (left out: not given); what they have not is unavailable.
    if (!chance(PASSKEY_ENROLLED, random)) proofs.push(result('recovery_passkey', 'unavailable', 'no recovery passkey enrolled'));
    // Whatever the user has at the IdP, the impostor does not sign in there, and the workflow records that as not given.
    const userHasMethod = chance(PHISHING_RESISTANT_SIGNIN_POSSIBLE, random);
    proofs.push(
      result(
        'idp_phishing_resistant',
        'unavailable',
        userHasMethod ? 'did not sign in at the IdP' : 'no phishing-resistant method at the IdP',
      ),
    );
    proofs.push(victim.hasManager ? vouchForImpostor(random) : result('vouch', 'unavailable', 'no manager on file'));
    proofs.push(
      chance(FORGED_DOCUMENT_PASSES, random)
        ? result('identity_document', 'met', 'a forged document passed')
        : result('identity_document', 'failed', 'document or selfie rejected'),
    );
    return { route, todayOnRecord: route === 'on record', proofs, metable: [] };
  };
}

function vouchForImpostor(random: Random): ProofResult {
  const roll = random();
  if (roll < VOUCHER_RUBBER_STAMPS) return result('vouch', 'met', 'confirmed without having seen the user');
  if (roll < VOUCHER_RUBBER_STAMPS + VOUCHER_REFUSES) return result('vouch', 'against', 'the voucher checked with the user and refused');
  return result('vouch', 'unavailable', 'no answer in time');
}

function result(kind: ProofKind, status: ProofStatus, detail: string): ProofResult {
  return { kind, status, detail, at: '2026-01-01T00:00:00Z' };
}
