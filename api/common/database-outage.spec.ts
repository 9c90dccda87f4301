import { QueryFailedError } from 'typeorm';
import { isDatabaseOutage } from './database-outage';

describe('isDatabaseOutage', () => {
  test.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a paused server', new Error('Query read timeout')],
    ['a killed server', new Error('Connection terminated unexpectedly')],
    [
      'an administrator shutdown',
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection'), { code: '57P01' })),
    ],
    ['our statement timeout', new QueryFailedError('SELECT 1', [], Object.assign(new Error('canceling statement'), { code: '57014' }))],
    ['any connection exception (class 08)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a transaction whose connection died', new Error('Query runner already released. Cannot run queries anymore.')],
  ])('%s is an outage', (_what, error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  test.each([
    ['a unique violation', new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
  ])('%s is not', (_what, error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });
});
