import { assessRisk, type RiskEvidence } from './assess-risk';

const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const base: RiskEvidence = {
  network: { ip: '86.128.0.1', country: 'GB', asn: 2856, asOrganisation: 'British Telecommunications PLC', kind: 'residential' },
  session: { userAgent: iphone, timezone: 'Europe/London' },
  finish: { userAgent: iphone, timezone: 'Europe/London' },
  officeCountry: 'GB',
  signinCountries: ['GB'],
  signinDevices: ['iOS · Safari'],
  destinationOnFile: true,
  answerTimesMs: [5000, 7000, 9000],
  pastedAnswers: 0,
};
const codes = (e: Partial<RiskEvidence>) => assessRisk({ ...base, ...e }).factors.map((f) => f.code);

describe('assessRisk', () => {
  test('a user at home on their own phone, link to the number on file, scores 0', () => {
    expect(assessRisk(base)).toEqual({ score: 0, factors: [] });
  });

  test('the impostor pattern: a new number, a new device, a VPN and a foreign time zone', () => {
    const risk = assessRisk({
      ...base,
      destinationOnFile: false,
      network: { ...base.network, kind: 'vpn', asOrganisation: 'M247 Europe SRL', asn: 9009 },
      session: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140.0.0.0 Safari/537.36', timezone: 'Africa/Lagos' },
      finish: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/140.0.0.0 Safari/537.36', timezone: 'Africa/Lagos' },
    });
    expect(risk.factors.map((f) => f.code).sort()).toEqual(['destinationNotOnFile', 'timezoneMismatch', 'unknownDevice', 'vpn']);
    expect(risk.score).toBe(9);
    expect(risk.factors.find((f) => f.code === 'vpn')!.description).toBe(
      'IP address belongs to a VPN or proxy provider (AS9009 M247 Europe SRL) +3',
    );
  });

  test('an IdP sign-in as the user takes points off (never below 0); as someone else it adds 6', () => {
    expect(assessRisk({ ...base, stepUp: { matched: true } })).toEqual({
      score: 0,
      factors: [
        {
          category: 'persona',
          code: 'idpSignInMatched',
          points: -2,
          description: "Signed in again at the organisation's IdP as this user −2",
        },
      ],
    });
    expect(assessRisk({ ...base, destinationOnFile: false, stepUp: { matched: true } }).score).toBe(1);
    expect(assessRisk({ ...base, stepUp: { matched: false } }).score).toBe(6);
  });

  test('each factor is explained and the score is capped at 10', () => {
    const risk = assessRisk({ ...base, network: { ...base.network, kind: 'tor' }, session: { webdriver: true }, destinationOnFile: false });
    expect(risk.score).toBe(10);
    expect(risk.factors.every((f) => f.description.endsWith(`+${f.points}`))).toBe(true);
  });

  test('endpoint and behaviour signals', () => {
    expect(codes({ finish: { userAgent: iphone, platform: 'Windows' } })).toContain('platformMismatch');
    expect(codes({ finish: { userAgent: iphone, platform: 'iOS' } })).not.toContain('platformMismatch');
    expect(codes({ answerTimesMs: [400, 500, 600] })).toContain('answersTooFast');
    expect(codes({ pastedAnswers: 2 })).toContain('pastedAnswers');
    expect(codes({ network: { ...base.network, country: 'RO' } })).toContain('ipCountryUnusual');
    expect(codes({ finish: { userAgent: 'HeadlessChrome/140' } })).toContain('headless');
  });
});
