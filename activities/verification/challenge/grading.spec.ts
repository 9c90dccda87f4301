import { gradeAnswer } from './grading';

describe('gradeAnswer', () => {
  test('single choice is right or wrong', () => {
    expect(gradeAnswer({ type: 'single', optionId: 'o2' }, { optionId: 'o2' })).toEqual({ grade: 'correct', score: 1 });
    expect(gradeAnswer({ type: 'single', optionId: 'o2' }, { optionId: 'o3' })).toEqual({ grade: 'incorrect', score: 0 });
  });

  test('a skip is graded skipped', () => {
    expect(gradeAnswer({ type: 'single', optionId: 'o1' }, null)).toEqual({ grade: 'skipped', score: 0 });
  });

  test('multi-select earns partial credit, and wrong picks take it away', () => {
    const key = { type: 'multi' as const, optionIds: ['o1', 'o4'] };
    expect(gradeAnswer(key, { optionIds: ['o4', 'o1'] })).toEqual({ grade: 'correct', score: 1 });
    expect(gradeAnswer(key, { optionIds: ['o1'] })).toEqual({ grade: 'partial', score: 0.5 });
    expect(gradeAnswer(key, { optionIds: ['o1', 'o2'] })).toEqual({ grade: 'incorrect', score: 0 });
    expect(gradeAnswer(key, { optionIds: ['o1', 'o2', 'o3', 'o4', 'o5'] })).toEqual({ grade: 'incorrect', score: 0 });
  });

  test('free text ignores case, accents and small typos; one name is partial', () => {
    const key = { type: 'text' as const, accepted: ['Chloé Dubois'] };
    expect(gradeAnswer(key, { text: 'chloe dubois' }).grade).toBe('correct');
    expect(gradeAnswer(key, { text: 'Chloe Duboys' }).grade).toBe('correct');
    expect(gradeAnswer(key, { text: 'Dubois' })).toEqual({ grade: 'partial', score: 0.5 });
    expect(gradeAnswer(key, { text: 'Ben Schmidt' }).grade).toBe('incorrect');
    expect(gradeAnswer(key, { text: '   ' }).grade).toBe('incorrect');
  });

  test('nicknames with the family name are right; initials earn half; any accepted name counts', () => {
    const key = { type: 'text' as const, accepted: ['Karim Haddad', 'Benjamin Okafor'] };
    expect(gradeAnswer(key, { text: 'Ben Okafor' }).grade).toBe('correct');
    expect(gradeAnswer(key, { text: 'karim haddad' }).grade).toBe('correct');
    expect(gradeAnswer(key, { text: 'K. Haddad' })).toEqual({ grade: 'partial', score: 0.5 });
    expect(gradeAnswer(key, { text: 'Karim' })).toEqual({ grade: 'partial', score: 0.5 });
    expect(gradeAnswer(key, { text: 'Bob Okafor' }).grade).toBe('incorrect');
  });
});
