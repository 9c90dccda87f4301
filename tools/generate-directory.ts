/**
 * Generates the synthetic organisation the dev directory is seeded from. Run once; the output is
 * committed (`npm run directory:generate`). Deterministic: the same seed gives the same file.
 */
import { writeFileSync } from 'node:fs';
import { DEV_DIRECTORY_PATH } from '../core/directory/import-directory';
import type { DirectoryFile, DirectoryFileUser } from '../core/directory/directory-file';

const SEED = 20261127;
const PEOPLE = 320;
const GENERATED_AT = new Date('2026-11-27T09:00:00Z');

const GIVEN = [
  'Aisha',
  'Ben',
  'Chloé',
  'Daniel',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Isabel',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Oliver',
  'Priya',
  'Quentin',
  'Rosa',
  'Samuel',
  'Tara',
  'Umar',
  'Vera',
  'William',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Amelia',
  'Bruno',
  'Camille',
  'Dmitri',
  'Esther',
  'Felix',
  'Hannah',
  'Ivan',
  'Julia',
  'Karim',
  'Laura',
  'Marco',
  'Nina',
  'Omar',
  'Paula',
  'Rafael',
  'Sofia',
  'Tomás',
  'Ursula',
  'Victor',
  'Wen',
  'Yara',
];
const FAMILY = [
  'Okafor',
  'Schmidt',
  'Dubois',
  'Nakamura',
  'García',
  'Haddad',
  'Murphy',
  'Kowalski',
  'Rossi',
  'Andersson',
  'Mensah',
  'Novak',
  'Fernández',
  'Ivanova',
  'Clarke',
  'Patel',
  'Moreau',
  'Silva',
  'Cohen',
  'Byrne',
  'Khan',
  'Larsen',
  'Walsh',
  'Ortega',
  'Yilmaz',
  'Fischer',
  'Brennan',
  'Costa',
  'Lindqvist',
  'Mwangi',
  'Tanaka',
  'Hughes',
  'Kaur',
  'Petrov',
  'Santos',
  'Weber',
  'Quinn',
  'Reyes',
  'Sato',
  'Baptiste',
];
const OFFICES = [
  { name: 'London', country: 'GB', dial: '+447', rest: 9 },
  { name: 'Manchester', country: 'GB', dial: '+447', rest: 9 },
  { name: 'Dublin', country: 'IE', dial: '+35387', rest: 7 },
  { name: 'Berlin', country: 'DE', dial: '+49151', rest: 8 },
  { name: 'Paris', country: 'FR', dial: '+336', rest: 8 },
  { name: 'New York', country: 'US', dial: '+1212', rest: 7 },
  { name: 'Austin', country: 'US', dial: '+1512', rest: 7 },
  { name: 'Toronto', country: 'CA', dial: '+1416', rest: 7 },
];
/** Where people live around each office: the office city first. */
const NEARBY_CITIES: Record<string, string[]> = {
  London: ['London', 'Croydon', 'Reading', 'Watford', 'Guildford', 'Kingston upon Thames'],
  Manchester: ['Manchester', 'Salford', 'Stockport', 'Bolton', 'Oldham', 'Altrincham'],
  Dublin: ['Dublin', 'Dún Laoghaire', 'Swords', 'Bray', 'Tallaght', 'Maynooth'],
  Berlin: ['Berlin', 'Potsdam', 'Oranienburg', 'Bernau', 'Königs Wusterhausen', 'Falkensee'],
  Paris: ['Paris', 'Boulogne-Billancourt', 'Saint-Denis', 'Versailles', 'Montreuil', 'Nanterre'],
  'New York': ['New York', 'Jersey City', 'Hoboken', 'Yonkers', 'New Rochelle', 'Stamford'],
  Austin: ['Austin', 'Round Rock', 'Cedar Park', 'Pflugerville', 'Georgetown', 'San Marcos'],
  Toronto: ['Toronto', 'Mississauga', 'Brampton', 'Markham', 'Vaughan', 'Oakville'],
};
/** Device families as sign-in logs report them (Entra ID deviceDetail, Google login audit). */
export const DEVICE_FAMILIES = [
  'iOS · Safari',
  'Android · Chrome',
  'Windows · Edge',
  'Windows · Chrome',
  'macOS · Safari',
  'macOS · Chrome',
];
const DEPARTMENTS: Record<string, { titles: string[]; groups: string[]; meetings: string[] }> = {
  Engineering: {
    titles: ['Software Engineer', 'Senior Software Engineer', 'Site Reliability Engineer', 'QA Engineer'],
    groups: ['eng-platform', 'eng-payments', 'eng-mobile', 'eng-oncall', 'github-admins', 'k8s-prod-readers'],
    meetings: [
      'Platform sprint planning',
      'Payments API design review',
      'Incident review: checkout latency',
      'Mobile release go/no-go',
      'On-call handover',
    ],
  },
  Finance: {
    titles: ['Financial Analyst', 'Accountant', 'Payroll Specialist', 'Controller'],
    groups: ['fin-ap', 'fin-close', 'fin-payroll', 'netsuite-users', 'expense-approvers'],
    meetings: ['Month-end close sync', 'Q4 forecast review', 'Payroll cutoff check', 'Audit prep with external auditors'],
  },
  Sales: {
    titles: ['Account Executive', 'Sales Development Rep', 'Sales Engineer', 'Account Manager'],
    groups: ['sales-emea', 'sales-na', 'salesforce-users', 'deal-desk', 'partner-channel'],
    meetings: ['EMEA pipeline review', 'Deal desk: Northwind renewal', 'Sales kickoff prep', 'Territory planning'],
  },
  Marketing: {
    titles: ['Content Marketer', 'Product Marketing Manager', 'Designer', 'Events Manager'],
    groups: ['mkt-brand', 'mkt-events', 'mkt-web', 'hubspot-users', 'social-publishers'],
    meetings: ['Brand refresh workshop', 'Webinar dry run', 'Launch messaging review', 'Events calendar sync'],
  },
  'People & HR': {
    titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'],
    groups: ['hr-recruiting', 'hr-ops', 'workday-admins', 'benefits-team'],
    meetings: ['Hiring committee', 'Benefits renewal review', 'Onboarding cohort planning'],
  },
  Legal: {
    titles: ['Counsel', 'Paralegal', 'Privacy Officer'],
    groups: ['legal-contracts', 'legal-privacy', 'dpo-office'],
    meetings: ['Contract template review', 'DPIA walkthrough', 'Privacy programme update'],
  },
  'IT & Security': {
    titles: ['IT Support Analyst', 'Security Engineer', 'Identity Engineer', 'Helpdesk Agent'],
    groups: ['it-helpdesk', 'sec-ops', 'okta-admins', 'endpoint-admins', 'vpn-users'],
    meetings: ['Phishing simulation results', 'Okta policy change review', 'Laptop refresh planning', 'Tabletop exercise: ransomware'],
  },
  Operations: {
    titles: ['Operations Manager', 'Supply Chain Analyst', 'Facilities Coordinator'],
    groups: ['ops-logistics', 'ops-facilities', 'vendor-management'],
    meetings: ['Vendor QBR', 'Warehouse capacity planning', 'Office move coordination'],
  },
  'Customer Success': {
    titles: ['Customer Success Manager', 'Support Engineer', 'Onboarding Specialist'],
    groups: ['cs-enterprise', 'cs-support-l2', 'zendesk-agents', 'cs-onboarding'],
    meetings: ['Escalations stand-up', 'Churn risk review', 'Support tooling retro'],
  },
};
const COMPANY_GROUPS = ['remote-workers', 'wellbeing-champions', 'green-team', 'book-club', 'mentoring-programme'];
const PERSONAL_DOMAINS = ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com', 'icloud.com', 'gmx.de'];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const pickSome = <T>(items: readonly T[], n: number): T[] => [...items].sort(() => rand() - 0.5).slice(0, n);
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function generateDirectory(): DirectoryFile {
  const users: DirectoryFileUser[] = [];
  const emails = new Set<string>();
  const person = (department: string | null, title: string, managerId: string | null, sparse = false): DirectoryFileUser => {
    let given: string, family: string, email: string;
    do {
      given = pick(GIVEN);
      family = pick(FAMILY);
      email = `${ascii(given)}.${ascii(family)}@example.com`;
    } while (emails.has(email));
    emails.add(email);
    const office = pick(OFFICES);
    const deptGroups = department ? DEPARTMENTS[department].groups : [];
    const user: DirectoryFileUser = {
      id: `u${String(users.length + 1).padStart(4, '0')}`,
      email,
      displayName: `${given} ${family}`,
      givenName: given,
      familyName: family,
      title,
      department,
      office: office.name,
      officeCountry: office.country,
      managerId,
      mobilePhone: sparse && rand() < 0.5 ? null : `${office.dial}${digits(office.rest)}`,
      personalEmail: sparse ? null : `${ascii(given)}${ascii(family).slice(0, 3)}${Math.floor(rand() * 90 + 10)}@${pick(PERSONAL_DOMAINS)}`,
      groups: sparse
        ? []
        : [
            ...new Set([
              'all-staff',
              ...pickSome(deptGroups, 1 + Math.floor(rand() * 3)),
              ...(rand() < 0.4 ? [pick(COMPANY_GROUPS)] : []),
              ...(office.name === 'London' ? ['london-office'] : []),
            ]),
          ],
    };
    users.push(user);
    return user;
  };

  const ceo = person(null, 'Chief Executive Officer', null);
  ceo.department = 'Operations';
  for (const department of Object.keys(DEPARTMENTS)) {
    const head = person(department, `Head of ${department}`, ceo.id);
    const leads = Array.from({ length: 3 }, () => person(department, `${department} Team Lead`, head.id));
    const perLead = Math.floor((PEOPLE - 1 - 9 * 4) / 9 / 3);
    for (const lead of leads) {
      for (let i = 0; i < perLead; i++) person(department, pick(DEPARTMENTS[department].titles), lead.id);
    }
  }
  // New joiners: too little directory data for a full challenge (the not-enough-questions path).
  const newJoiners = Array.from({ length: 12 }, () => person(pick(Object.keys(DEPARTMENTS)), 'New Joiner', null, true));

  const meetings: DirectoryFile['meetings'] = [];
  const active = users.filter((u) => !newJoiners.includes(u));
  for (let day = 14; day >= 1; day--) {
    for (const [department, spec] of Object.entries(DEPARTMENTS)) {
      if (rand() < 0.35) continue;
      const staff = active.filter((u) => u.department === department);
      const organizer = pick(staff);
      const start = new Date(GENERATED_AT.getTime() - day * 86_400_000);
      start.setUTCHours(8 + Math.floor(rand() * 9), rand() < 0.5 ? 0 : 30, 0, 0);
      meetings.push({
        id: `m${String(meetings.length + 1).padStart(4, '0')}`,
        subject: pick(spec.meetings),
        organizerId: organizer.id,
        startAt: start.toISOString(),
        attendeeIds: [...new Set([organizer.id, ...pickSome(staff, 3 + Math.floor(rand() * 6)).map((u) => u.id)])],
      });
    }
  }

  // Each person signs in from home or the office, on one or two devices of their own.
  const signins: DirectoryFile['signins'] = [];
  for (const user of active) {
    const office = OFFICES.find((o) => o.name === user.office)!;
    const home = pick(NEARBY_CITIES[office.name].slice(1));
    const devices = pickSome(DEVICE_FAMILIES, rand() < 0.4 ? 2 : 1);
    for (let i = 0; i < 4; i++) {
      signins.push({
        userId: user.id,
        at: new Date(GENERATED_AT.getTime() - (i * 3 + rand() * 2) * 86_400_000).toISOString(),
        city: i === 0 || rand() < 0.5 ? home : office.name,
        country: office.country,
        device: pick(devices),
      });
    }
  }
  return { format: 'resetgate-directory/v1', generatedAt: GENERATED_AT.toISOString(), users, meetings, signins };
}

if (require.main === module) {
  const out = DEV_DIRECTORY_PATH;
  const file = generateDirectory();
  writeFileSync(out, JSON.stringify(file, null, 1) + '\n');
  console.log(`wrote ${file.users.length} users, ${file.meetings.length} meetings, ${file.signins.length} sign-ins to ${out}`);
}
