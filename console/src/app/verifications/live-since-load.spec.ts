import { verification } from '../../testing/verification-view';
import { LiveSinceLoad } from './live-since-load';

const loaded = verification({ id: 'v-1', createdAt: '2026-07-01T10:00:00Z', status: 'link_sent' });
const passedLive = { ...loaded, status: 'passed' as const };

describe('LiveSinceLoad', () => {
  it('gives the loaded view when nothing arrived while it loaded', () => {
    const live = new LiveSinceLoad();
    live.reset();
    expect(live.latest(loaded)).toBe(loaded);
  });

  it('gives the live view that arrived while it loaded: the load may have read the row before the change', () => {
    const live = new LiveSinceLoad();
    live.reset();
    live.record(passedLive);
    expect(live.latest(loaded)).toBe(passedLive);
  });

  it('forgets what arrived before the load began: the load’s answer already has it', () => {
    const live = new LiveSinceLoad();
    live.record(passedLive);
    live.reset();
    expect(live.latest(loaded)).toBe(loaded);
    expect(live.missingFrom([])).toEqual([]);
  });

  it('keeps the last of several updates to one verification', () => {
    const live = new LiveSinceLoad();
    live.reset();
    live.record({ ...loaded, status: 'in_progress' });
    live.record(passedLive);
    expect(live.latest(loaded)).toBe(passedLive);
  });

  it('lists the verifications the load did not include, newest first, each in its last state', () => {
    const live = new LiveSinceLoad();
    live.reset();
    const older = verification({ id: 'v-2', createdAt: '2026-07-01T11:00:00Z' });
    const newer = verification({ id: 'v-3', createdAt: '2026-07-01T12:00:00Z' });
    live.record(passedLive); // on the loaded page: not missing
    live.record(older);
    live.record(newer);
    const olderPassed = { ...older, status: 'passed' as const };
    live.record(olderPassed);
    expect(live.missingFrom([loaded])).toEqual([newer, olderPassed]);
  });
});
