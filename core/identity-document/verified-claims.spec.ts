import { decideIdentityDocument, readVerifiedClaims, type VerifiedIdentity } from './verified-claims';

const NOW = new Date('2025-06-01T12:00:00Z');
const rules = { maxAgeSeconds: 1800, requireSelfie: true, trustFrameworks: [] as string[] };
const issuer = 'https://idv.example.com/oidc';

/** A provider's answer as the OpenID Identity Assurance schema shapes it, with the fields we must never keep. */
function answer(overrides: { given?: string; family?: string; time?: string; evidence?: unknown[]; trust_framework?: string } = {}) {
  return {
    verification: {
      trust_framework: overrides.trust_framework ?? 'eidas',
      time: overrides.time ?? '2025-06-01T11:55:00Z',
      evidence: overrides.evidence ?? [
        {
          type: 'document',
          check_details: [{ check_method: 'vpiruv' }, { check_method: 'bvr' }],
          document_details: { type: 'idcard', document_number: 'T22000129', date_of_expiry: '2031-01-01' },
        },
      ],
    },
    claims: { given_name: overrides.given ?? 'Alex', family_name: overrides.family ?? 'Smith', birthdate: '1990-04-02' },
  };
}

describe('readVerifiedClaims', () => {
  test('reads the trust framework, the time, the document, the selfie and the name, and nothing else', () => {
    const read = readVerifiedClaims(answer());
    expect(read).toEqual({
      trustFramework: 'eidas',
      time: new Date('2025-06-01T11:55:00Z'),
      document: true,
      documentType: 'idcard',
      selfie: true,
      name: { given: 'Alex', family: 'Smith' },
    });
    expect(JSON.stringify(read)).not.toMatch(/T22000129|1990-04-02|2031/);
  });

  test('an array of verified_claims: the first with a verified name', () => {
    const read = readVerifiedClaims([{ verification: { trust_framework: 'de_aml' }, claims: { email: 'a@b' } }, answer({ given: 'Bea' })]);
    expect(read?.name).toEqual({ given: 'Bea', family: 'Smith' });
  });

  test('the drafts before 1.0: evidence `id_document` with `document` and a `method`', () => {
    const read = readVerifiedClaims(
      answer({ evidence: [{ type: 'id_document', method: 'uripp', document: { type: 'passport', number: 'X1' } }] }),
    );
    expect(read).toMatchObject({ document: true, documentType: 'passport', selfie: true });
  });

  test('no person check: a document without a selfie', () => {
    const read = readVerifiedClaims(answer({ evidence: [{ type: 'document', check_details: [{ check_method: 'vdig' }] }] }));
    expect(read).toMatchObject({ document: true, documentType: null, selfie: false });
  });

  test('not a document: an electronic record', () => {
    expect(
      readVerifiedClaims(answer({ evidence: [{ type: 'electronic_record', check_details: [{ check_method: 'bvr' }] }] })),
    ).toMatchObject({
      document: false,
      selfie: false,
    });
  });

  test.each([
    ['nothing', undefined],
    ['a string', 'verified'],
    ['no claims', { verification: answer().verification }],
    ['no verification', { claims: answer().claims }],
    ['no family name', { ...answer(), claims: { given_name: 'Alex' } }],
    ['no trust framework', { ...answer(), verification: { time: '2025-06-01T11:55:00Z' } }],
    ['no time', { ...answer(), verification: { trust_framework: 'eidas' } }],
    ['a time that is not one', answer({ time: 'yesterday' })],
  ])('unusable: %s', (_what, raw) => {
    expect(readVerifiedClaims(raw)).toBeNull();
  });
});

describe('decideIdentityDocument', () => {
  const verified = (over: Partial<VerifiedIdentity> = {}): VerifiedIdentity => ({ ...readVerifiedClaims(answer())!, ...over });
  const decide = (v: VerifiedIdentity, record = { given: 'Alex', family: 'Smith' }, r = rules) =>
    decideIdentityDocument(v, record, { issuer, now: NOW, rules: r });

  test('a recent document and selfie with the directory’s name: met, with facts for auditors and nothing from the document', () => {
    expect(decide(verified())).toEqual({
      status: 'met',
      detail: 'an identity document (idcard) and a selfie checked by idv.example.com under eidas; the name matches the directory record',
      evidence: {
        issuer,
        trustFramework: 'eidas',
        verifiedAt: '2025-06-01T11:55:00.000Z',
        documentType: 'idcard',
        selfie: true,
        nameMatch: 'exact',
      },
    });
  });

  test('a nickname or swapped names: met, and the detail says so', () => {
    expect(decide(verified(), { given: 'Alexander', family: 'Smith' })).toMatchObject({
      status: 'met',
      detail: expect.stringContaining('(a nickname of the given name)'),
      evidence: { nameMatch: 'nickname' },
    });
    expect(decide(verified({ name: { given: 'Smith', family: 'Alex' } }))).toMatchObject({
      status: 'met',
      evidence: { nameMatch: 'swapped' },
    });
  });

  test('someone else’s name: failed, in plain words, the document’s name shortened', () => {
    expect(decide(verified({ name: { given: 'Jordan Lee', family: 'Doe' } }))).toEqual({
      status: 'failed',
      detail: 'the document’s name, J. Doe, does not match the directory record, Alex Smith',
      evidence: expect.objectContaining({ nameMatch: 'mismatch' }),
    });
  });

  test('older than the maximum age: failed; just inside it: met', () => {
    expect(decide(verified({ time: new Date(NOW.getTime() - 1801_000) }))).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('more than 30 minutes ago'),
    });
    expect(decide(verified({ time: new Date(NOW.getTime() - 1799_000) })).status).toBe('met');
  });

  test('a check from the future: failed; a provider clock a minute ahead: met', () => {
    expect(decide(verified({ time: new Date(NOW.getTime() + 10 * 60_000) }))).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('in the future'),
    });
    expect(decide(verified({ time: new Date(NOW.getTime() + 60_000) })).status).toBe('met');
  });

  test('no document: failed', () => {
    expect(decide(verified({ document: false }))).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('without an identity document'),
    });
  });

  test('no selfie: failed when a selfie is required, met when not', () => {
    expect(decide(verified({ selfie: false }))).toMatchObject({ status: 'failed', detail: expect.stringContaining('no selfie') });
    expect(decide(verified({ selfie: false }), undefined, { ...rules, requireSelfie: false })).toMatchObject({
      status: 'met',
      detail: expect.stringMatching(/^an identity document \(idcard\) checked by/),
    });
  });

  test('a trust framework outside the accepted list: failed', () => {
    expect(decide(verified(), undefined, { ...rules, trustFrameworks: ['de_aml'] })).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('eidas trust framework, which is not accepted'),
    });
    expect(decide(verified(), undefined, { ...rules, trustFrameworks: ['de_aml', 'eidas'] }).status).toBe('met');
  });
});
