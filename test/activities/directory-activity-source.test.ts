import { DevOutboxSender } from '../../activities/delivery/dev-outbox-sender';
import type { DirectoryMeeting, DirectorySignIn } from '../../core/directory/activity-source';
import { createVerificationActivities } from '../../activities/verification/verification-activities';
import type { DirectoryUserEntity } from '../../core/database/entities';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { InMemoryActivitySource, type PersonPlace } from '../support/in-memory-activity-source';
import { fullyKnownUser, HUMAN_SIGNALS, insertVerification, questionsOf } from '../support/workflow-harness';

/**
 * The challenge engine and the risk score read meetings and sign-ins only through the injected
 * activity source. The directory tables are emptied of both here, so everything the questions and
 * the risk evidence say about them must have come from the in-memory source.
 */
let db: TestDatabase;
let user: DirectoryUserEntity;
let source: InMemoryActivitySource;
let colleagues: { id: string; display_name: string }[];

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const ATTENDED = 'Llama census kickoff';
const NOT_ATTENDED = ['Alpaca shearing rota', 'Vicuña budget review', 'Guanaco offsite planning', 'Camel logistics sync'];
const OFFICE_AREA = ['Akureyri', 'Selfoss', 'Vík', 'Húsavík'];

beforeAll(async () => {
  db = await createTestDatabase();
  user = await fullyKnownUser(db);
  const people: PersonPlace[] = await db.dataSource.query(`SELECT id, department, office FROM directory_users`);
  colleagues = await db.dataSource.query(
    `SELECT id, display_name FROM directory_users
      WHERE department IS NOT DISTINCT FROM $1 AND id <> $2 AND id <> $3 ORDER BY display_name LIMIT 2`,
    [user.department, user.id, user.managerId],
  );
  const [outsider] = people.filter((p) => p.department !== user.department);
  const officeMates = people.filter((p) => p.office === user.office && p.id !== user.id).slice(0, OFFICE_AREA.length);
  expect(colleagues).toHaveLength(2);
  expect(officeMates).toHaveLength(OFFICE_AREA.length);
  const [a, b] = colleagues.map((c) => c.id);
  const meeting = (id: string, subject: string, organizerId: string, startAt: Date, attendeeIds: string[]): DirectoryMeeting => ({
    id,
    subject,
    organizerId,
    startAt,
    attendeeIds,
  });
  const meetings = [
    meeting('m-attended', ATTENDED, a, ago(2), [a, user.id, b]),
    meeting('m-too-old', 'Ancient history', a, ago(30), [a, user.id]),
    ...NOT_ATTENDED.slice(0, 3).map((subject, i) => meeting(`m-dept-${i}`, subject, b, ago(3 + i), [a, b])),
    meeting('m-elsewhere', NOT_ATTENDED[3], outsider.id, ago(4), [outsider.id]),
  ];
  const signIn = (userId: string, at: Date, city: string, country: string, device: string): DirectorySignIn => ({
    userId,
    at,
    city,
    country,
    device,
  });
  const devices = ['Windows · Edge', 'macOS · Safari', 'iOS · Safari', 'Windows · Chrome'];
  const signIns = [
    signIn(user.id, ago(1), 'Reykjavik', 'IS', 'Android · Chrome'),
    ...officeMates.map((p, i) => signIn(p.id, ago(2), OFFICE_AREA[i], 'IS', devices[i])),
  ];
  source = new InMemoryActivitySource(people, meetings, signIns);
  await db.dataSource.query('TRUNCATE directory_meetings, directory_signins');
});
afterAll(async () => {
  await db?.drop();
});

const activitiesWith = (activitySource?: InMemoryActivitySource) =>
  createVerificationActivities({ dataSource: db.dataSource, sender: new DevOutboxSender(), publicUrl: 'https://rg.test', activitySource });

const label = (q: { options: { id: string; label: string }[]; answerKey: { type: string; optionId?: string } }) =>
  q.options.find((o) => o.id === q.answerKey.optionId)?.label;

test('by default the activities read the (now empty) directory tables: no meeting or sign-in question can be asked', async () => {
  const verificationId = await insertVerification(db, user);
  await activitiesWith().prepareChallenge({ verificationId, userId: user.id, questionsAsked: 4 });
  const kinds = (await questionsOf(db, verificationId)).map((q) => q.kind);
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.filter((k) => ['meeting', 'signin_city', 'signin_device'].includes(k))).toEqual([]);
});

test('with an injected source, the meeting and sign-in questions are built from what it holds', async () => {
  const verificationId = await insertVerification(db, user);
  await activitiesWith(source).prepareChallenge({ verificationId, userId: user.id, questionsAsked: 4 });
  const questions = await questionsOf(db, verificationId);
  expect(questions.map((q) => q.kind).sort()).toEqual(['groups', 'meeting', 'signin_city', 'signin_device']);

  const meeting = questions.find((q) => q.kind === 'meeting')!;
  if (meeting.type === 'text') {
    // "Name one other person who was invited": the co-attendees' names, resolved through the directory.
    expect(meeting.text).toContain(`“${ATTENDED}”`);
    expect(meeting.answerKey).toEqual({ type: 'text', accepted: colleagues.map((c) => c.display_name) });
  } else {
    expect(label(meeting)).toBe(ATTENDED);
    expect(meeting.options.map((o) => o.label).every((l) => l === ATTENDED || NOT_ATTENDED.includes(l))).toBe(true);
  }

  const city = questions.find((q) => q.kind === 'signin_city')!;
  expect(label(city)).toBe('Reykjavik');
  expect(city.options.every((o) => o.label === 'Reykjavik' || OFFICE_AREA.includes(o.label))).toBe(true);

  const device = questions.find((q) => q.kind === 'signin_device')!;
  expect(label(device)).toBe('Android · Chrome');
});

test("the risk score compares the device with the injected source's sign-ins", async () => {
  const unknownDevice = async (activitySource?: InMemoryActivitySource) => {
    const verificationId = await insertVerification(db, user);
    const risk = await activitiesWith(activitySource).assessRisk({
      verificationId,
      userId: user.id,
      session: HUMAN_SIGNALS,
      signals: HUMAN_SIGNALS,
    });
    return risk.factors.find((f) => f.code === 'unknownDevice');
  };
  // The user signed in only with Android · Chrome; the session is an iPhone.
  expect((await unknownDevice(source))?.description).toContain('(iOS · Safari) not seen');
  // The tables hold no sign-ins, so there is nothing to compare with.
  expect(await unknownDevice()).toBeUndefined();
});
