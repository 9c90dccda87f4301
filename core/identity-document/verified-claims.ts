import { matchName, type PersonName, shortName } from './name-match';

/**
 * OpenID Connect for Identity Assurance 1.0 (`verified_claims`, OpenID Identity Assurance Schema
 * Definition 1.0) as the `identity_document` proof reads it, and the decision it leads to. Pure:
 * the caller gives the clock. Document numbers, birthdates and addresses are never read out.
 */

/** What the API asks the provider for: the `claims` request parameter (one object for both places). */
export const VERIFIED_CLAIMS_REQUEST = {
  verified_claims: {
    verification: { trust_framework: null, time: null, evidence: [{ type: null, check_details: null, method: null }] },
    claims: { given_name: null, family_name: null },
  },
} as const;

/**
 * Check methods that tie the person to the document (the schema's predefined values): biometric
 * (`bvr`, `bvp`) or physical (`pvr`, `pvp`) comparison, remote or in person: a selfie or a face
 * check. The earlier drafts said it with the evidence's `method`: in person (`pipp`), supervised
 * (`sripp`) or unsupervised remote in-person proofing (`uripp`).
 */
const PERSON_CHECKS = new Set(['bvr', 'bvp', 'pvr', 'pvp']);
const PERSON_METHODS = new Set(['pipp', 'sripp', 'uripp']);
/** Evidence types that are an identity document (`id_document` in the drafts before 1.0). */
const DOCUMENT_TYPES = new Set(['document', 'id_document']);
/** A provider's clock a little ahead of ours is tolerated; a check from the future is not. */
const CLOCK_SKEW_MS = 2 * 60_000;

export interface VerifiedIdentity {
  trustFramework: string;
  time: Date;
  /** At least one piece of evidence is an identity document. */
  document: boolean;
  /** The document's type (`idcard`, `passport`, `driving_permit`), when the provider says it. */
  documentType: string | null;
  /** The provider compared the person with the document (a selfie, a face or liveness check). */
  selfie: boolean;
  name: PersonName;
}

/**
 * The first `verified_claims` element that carries a verified given and family name; null when
 * there is none, or it lacks the trust framework or the time (the answer is then unusable).
 */
export function readVerifiedClaims(raw: unknown): VerifiedIdentity | null {
  const elements = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
  for (const element of elements) {
    const verification = isObject(element.verification) ? element.verification : null;
    const claims = isObject(element.claims) ? element.claims : null;
    if (!verification || !claims) continue;
    const given = claims.given_name;
    const family = claims.family_name;
    const trustFramework = verification.trust_framework;
    const time = typeof verification.time === 'string' ? new Date(verification.time) : null;
    if (typeof given !== 'string' || typeof family !== 'string' || typeof trustFramework !== 'string' || !time || isNaN(time.getTime())) {
      continue;
    }
    const evidence = (Array.isArray(verification.evidence) ? verification.evidence : []).filter(isObject);
    const documents = evidence.filter((e) => typeof e.type === 'string' && DOCUMENT_TYPES.has(e.type));
    return {
      trustFramework,
      time,
      document: documents.length > 0,
      documentType: documents.map(documentTypeOf).find((t) => t !== null) ?? null,
      selfie: documents.some(checksPerson),
      name: { given: given.slice(0, 200), family: family.slice(0, 200) },
    };
  }
  return null;
}

export interface IdentityDocumentRules {
  /** How old the provider's check may be, in seconds (IDV_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  /** Whether the person must have been compared with the document (IDV_REQUIRE_SELFIE). */
  requireSelfie: boolean;
  /** The trust frameworks accepted; empty accepts any the provider names (IDV_TRUST_FRAMEWORKS). */
  trustFrameworks: readonly string[];
}

export interface IdentityDocumentDecision {
  status: 'met' | 'failed';
  /** Plain words for the agent. */
  detail: string;
  /** Facts for auditors; never a document number, a birthdate or the whole name. */
  evidence: Record<string, string | number | boolean | null>;
}

/** Met or failed, with what the agent reads and what auditors keep. */
export function decideIdentityDocument(
  verified: VerifiedIdentity,
  record: PersonName,
  context: { issuer: string; now: Date; rules: IdentityDocumentRules },
): IdentityDocumentDecision {
  const { issuer, now, rules } = context;
  const match = matchName(verified.name, record);
  const evidence = {
    issuer,
    trustFramework: verified.trustFramework.slice(0, 64),
    verifiedAt: verified.time.toISOString(),
    documentType: verified.documentType,
    selfie: verified.selfie,
    nameMatch: match.matched ? match.how : 'mismatch',
  };
  const failed = (detail: string): IdentityDocumentDecision => ({ status: 'failed', detail, evidence });
  const provider = hostOf(issuer);
  const age = now.getTime() - verified.time.getTime();

  if (rules.trustFrameworks.length && !rules.trustFrameworks.includes(verified.trustFramework)) {
    return failed(`${provider} checked the document under the ${evidence.trustFramework} trust framework, which is not accepted here`);
  }
  if (age > rules.maxAgeSeconds * 1000) {
    return failed(
      `${provider}’s check is from ${evidence.verifiedAt}, more than ${minutes(rules.maxAgeSeconds)} ago: it is not this call’s check`,
    );
  }
  if (age < -CLOCK_SKEW_MS) return failed(`${provider}’s check is dated ${evidence.verifiedAt}, in the future`);
  if (!verified.document) return failed(`${provider} verified the name without an identity document`);
  if (rules.requireSelfie && !verified.selfie) {
    return failed(`${provider} checked a document but not the person holding it (no selfie or face check)`);
  }
  if (!match.matched) {
    return failed(
      `the document’s name, ${shortName(verified.name)}, does not match the directory record, ${record.given.trim()} ${record.family.trim()}`,
    );
  }
  const what = `${verified.documentType ? `an identity document (${verified.documentType})` : 'an identity document'}${verified.selfie ? ' and a selfie' : ''}`;
  const how = { exact: '', nickname: ' (a nickname of the given name)', swapped: ' (given and family names in the other order)' }[
    match.how
  ];
  return {
    status: 'met',
    detail: `${what} checked by ${provider} under ${evidence.trustFramework}; the name matches the directory record${how}`,
    evidence,
  };
}

function documentTypeOf(evidence: Record<string, unknown>): string | null {
  const details = isObject(evidence.document_details) ? evidence.document_details : isObject(evidence.document) ? evidence.document : null;
  return details && typeof details.type === 'string' ? details.type.slice(0, 40) : null;
}

function checksPerson(evidence: Record<string, unknown>): boolean {
  const checks = (Array.isArray(evidence.check_details) ? evidence.check_details : []).filter(isObject);
  if (checks.some((c) => typeof c.check_method === 'string' && PERSON_CHECKS.has(c.check_method))) return true;
  return typeof evidence.method === 'string' && PERSON_METHODS.has(evidence.method);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hostOf(issuer: string): string {
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}

const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`);
