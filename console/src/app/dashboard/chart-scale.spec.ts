import { chartId, countAxis } from './chart-scale';

describe('countAxis: a round top for a count axis, and its ticks', () => {
  it('an empty chart still has an axis from 0 to 1', () => {
    expect(countAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countAxis(-5)).toEqual({ top: 1, ticks: [0, 1] });
  });

  it('takes the smallest step of 1, 2 or 5 times a power of ten that needs at most five steps', () => {
    expect(countAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(countAxis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(countAxis(23)).toEqual({ top: 30, ticks: [0, 10, 20, 30] });
    expect(countAxis(60)).toEqual({ top: 60, ticks: [0, 20, 40, 60] });
    expect(countAxis(120)).toEqual({ top: 200, ticks: [0, 100, 200] });
    expect(countAxis(999)).toEqual({ top: 1000, ticks: [0, 200, 400, 600, 800, 1000] });
  });

  it('always reaches the largest count, with whole-number ticks', () => {
    for (const max of [1, 2, 5, 9, 11, 17, 49, 51, 99, 101, 999, 4321]) {
      const { top, ticks } = countAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1)).toBe(top);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });
});

describe('chartId', () => {
  it('gives a new id each time, under the prefix', () => {
    const [a, b] = [chartId('risk'), chartId('risk')];
    expect(a).toMatch(/^risk-\d+$/);
    expect(b).not.toBe(a);
  });
});
