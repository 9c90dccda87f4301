import type { DirectoryFacts } from './directory-facts';
import { generateQuestions } from './generators';
import { gradeAnswer } from './grading';

const facts: DirectoryFacts = {
  user: {
    id: 'u1',
    displayName: 'Ana Silva',
    department: 'Finance',
    office: 'Dublin',
    managerId: 'u9',
    groups: ['fin-ap', 'all-staff', 'book-club'],
  },
  manager: { id: 'u9', displayName: 'Karim Haddad', department: 'Finance', office: 'Dublin', managerId: null, groups: [] },
  departmentManagers: ['Lena Novak', 'Omar Khan'],
  otherManagers: ['Rosa Costa', 'Vera Weber'],
  departments: ['Finance', 'Sales', 'Legal', 'Engineering'],
  offices: ['Dublin', 'Paris', 'Berlin', 'London'],
  departmentGroups: ['all-staff', 'fin-ap', 'fin-close', 'fin-payroll', 'netsuite-users'],
  groupNames: ['fin-ap', 'all-staff', 'fin-close', 'sales-emea', 'legal-privacy', 'eng-platform', 'book-club'],
  ubiquitousGroups: ['all-staff'],
  attendedMeetings: [
    { subject: 'Month-end close sync', startAt: new Date('2026-11-20T10:00:00Z'), attendees: ['Karim Haddad', 'Benjamin Okafor'] },
  ],
  departmentMeetingSubjects: ['Q4 forecast review', 'Payroll cutoff check', 'Audit prep with external auditors'],
  otherMeetingSubjects: ['Vendor QBR', 'Hiring committee'],
  signinCities: ['Bray', 'Dublin'],
  officeAreaCities: ['Dublin', 'Bray', 'Swords', 'Tallaght', 'Maynooth'],
  signinDevices: ['iOS · Safari'],
  deviceFamilies: ['iOS · Safari', 'Android · Chrome', 'Windows · Edge', 'macOS · Chrome', 'Windows · Chrome'],
};

const many = (count: number) => Array.from({ length: 60 }, () => generateQuestions(facts, count)).flat();

describe('generateQuestions', () => {
  test('asks the requested number of questions, each of a different kind, with the answer among the options', () => {
    const questions = generateQuestions(facts, 4);
    expect(questions).toHaveLength(4);
    expect(new Set(questions.map((q) => q.kind)).size).toBe(4);
    for (const q of questions) {
      const ids = q.options.map((o) => o.id);
      if (q.answerKey.type === 'single') expect(ids).toContain(q.answerKey.optionId);
      if (q.answerKey.type === 'multi') expect(q.answerKey.optionIds.every((id) => ids.includes(id))).toBe(true);
      expect(new Set(q.options.map((o) => o.label)).size).toBe(q.options.length);
    }
  });

  test('private facts come first; public ones only fill up, at half weight', () => {
    const four = generateQuestions(facts, 4);
    expect(four.map((q) => q.kind).sort()).toEqual(['groups', 'meeting', 'signin_city', 'signin_device']);
    expect(four.every((q) => q.weight === 1)).toBe(true);
    const withoutMeetings = generateQuestions({ ...facts, attendedMeetings: [] }, 4);
    expect(withoutMeetings.filter((q) => q.weight === 0.5)).toHaveLength(1);
  });

  test('the groups question never asks about a group everyone holds, and its distractors come from the department', () => {
    for (const q of many(4).filter((x) => x.kind === 'groups')) {
      const labels = q.options.map((o) => o.label);
      expect(labels).not.toContain('all-staff');
      expect(labels.filter((l) => l.startsWith('fin-') || l === 'netsuite-users').length).toBeGreaterThanOrEqual(3);
    }
  });

  test('the sign-in question never offers the office city, which is public', () => {
    for (const q of many(4).filter((x) => x.kind === 'signin_city')) {
      const labels = q.options.map((o) => o.label);
      expect(labels).not.toContain('Dublin');
      expect(labels).toContain('Bray');
    }
  });

  test('the free-text meeting question never accepts the manager, whose name is public', () => {
    const text = many(4).find((q) => q.kind === 'meeting' && q.type === 'text')!;
    expect(text.text).toMatch(/Month-end close sync/);
    expect(gradeAnswer(text.answerKey, { text: 'Ben Okafor' }).grade).toBe('correct');
    expect(gradeAnswer(text.answerKey, { text: 'Karim Haddad' }).grade).toBe('incorrect');
  });

  test('the right option is not always in the same place', () => {
    const positions = new Set(
      many(4)
        .filter((q) => q.kind === 'signin_city')
        .map((q) => q.options.findIndex((o) => o.label === 'Bray')),
    );
    expect(positions.size).toBeGreaterThan(2);
  });

  test('a user the directory barely knows gets only public questions', () => {
    const sparse: DirectoryFacts = {
      ...facts,
      manager: null,
      user: { ...facts.user, groups: [], managerId: null },
      attendedMeetings: [],
      signinCities: [],
      signinDevices: [],
    };
    expect(
      generateQuestions(sparse, 4)
        .map((q) => q.kind)
        .sort(),
    ).toEqual(['department', 'office']);
  });
});
