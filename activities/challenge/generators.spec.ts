import type { DirectoryFacts } from './directory-facts';
import { generateQuestions } from './generators';

const facts: DirectoryFacts = {
  user: { id: 'u1', displayName: 'Ana Silva', department: 'Finance', office: 'Dublin', managerId: 'u9', groups: ['fin-ap', 'all-staff'] },
  manager: { id: 'u9', displayName: 'Karim Haddad', department: 'Finance', office: 'Dublin', managerId: null, groups: [] },
  managerCandidates: ['Lena Novak', 'Omar Khan', 'Rosa Costa', 'Vera Weber'],
  departments: ['Finance', 'Sales', 'Legal', 'Engineering'],
  offices: ['Dublin', 'Paris', 'Berlin', 'London'],
  groupNames: ['fin-ap', 'all-staff', 'fin-close', 'sales-emea', 'legal-privacy', 'eng-platform'],
  attendedMeetings: ['Month-end close sync'],
  otherMeetings: ['Vendor QBR', 'Hiring committee', 'Webinar dry run'],
  lastSigninCity: 'Dublin',
  signinCities: ['Dublin', 'Paris', 'Berlin', 'Austin'],
};

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

  test('the manager question offers real managers, never the user', () => {
    for (let i = 0; i < 20; i++) {
      const manager = generateQuestions(facts, 6).find((q) => q.kind === 'manager')!;
      const labels = manager.options.map((o) => o.label);
      expect(labels).toContain('Karim Haddad');
      expect(labels).not.toContain('Ana Silva');
      expect(labels.every((l) => ['Karim Haddad', ...facts.managerCandidates].includes(l))).toBe(true);
    }
  });

  test('the right option is not always in the same place', () => {
    const positions = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const q = generateQuestions(facts, 6).find((x) => x.kind === 'department')!;
      positions.add(q.options.findIndex((o) => o.label === 'Finance'));
    }
    expect(positions.size).toBeGreaterThan(2);
  });

  test('a user the directory barely knows gets fewer questions', () => {
    const sparse: DirectoryFacts = {
      ...facts,
      manager: null,
      user: { ...facts.user, groups: [], managerId: null },
      attendedMeetings: [],
      lastSigninCity: null,
    };
    expect(
      generateQuestions(sparse, 4)
        .map((q) => q.kind)
        .sort(),
    ).toEqual(['department', 'office']);
  });
});
