/**
 * `npm run chaos`: flows in flight against the real processes while one of them is killed or
 * frozen, then the invariants (docs/chaos.md). Exits non-zero when any invariant fails.
 *
 *   npm run chaos -- [--flows 200] [--faults worker,api,temporal,postgres,postgres-pause]
 *                    [--down 15] [--pause 30] [--fault-at 12] [--ramp 10]
 *                    [--link 120] [--session 120] [--approval 60] [--budget 90] [--seed 12] [--keep]
 */
import 'reflect-metadata';
import { parseFaults } from './faults';
import { renderDetails, renderTable, failures } from './report';
import { type ChaosOptions, FULL_RUN, runChaos } from './run';

export function parseArguments(argv: string[]): ChaosOptions {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const seconds = (name: string, fallbackMs: number) => {
    const raw = value(name);
    if (raw === undefined) return fallbackMs;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} takes a number of seconds, not "${raw}"`);
    return parsed * 1000;
  };
  const whole = (name: string, fallback: number) => Math.round(seconds(name, fallback * 1000) / 1000);
  const lifetimes = FULL_RUN.lifetimes;
  return {
    ...FULL_RUN,
    flows: whole('flows', FULL_RUN.flows),
    faults: value('faults') ? parseFaults(value('faults')!) : FULL_RUN.faults,
    downMs: seconds('down', FULL_RUN.downMs),
    pauseMs: seconds('pause', FULL_RUN.pauseMs),
    faultAtMs: seconds('fault-at', FULL_RUN.faultAtMs),
    rampMs: seconds('ramp', FULL_RUN.rampMs),
    retryBudgetMs: seconds('budget', FULL_RUN.retryBudgetMs),
    lifetimes: {
      linkLifetimeSeconds: whole('link', lifetimes.linkLifetimeSeconds),
      sessionLifetimeSeconds: whole('session', lifetimes.sessionLifetimeSeconds),
      approvalWindowSeconds: whole('approval', lifetimes.approvalWindowSeconds),
    },
    seed: whole('seed', FULL_RUN.seed),
    keep: argv.includes('--keep'),
    log: (line) => console.log(line),
  };
}

if (require.main === module) {
  const started = Date.now();
  runChaos(parseArguments(process.argv.slice(2))).then(
    (results) => {
      console.log(`\n${renderTable(results)}`);
      console.log(renderDetails(results));
      const failed = results.flatMap(failures);
      console.log(
        `\nchaos: ${((Date.now() - started) / 60_000).toFixed(1)} min; ${failed.length ? `FAILED:\n  ${failed.join('\n  ')}` : 'every invariant held'}`,
      );
      process.exitCode = failed.length ? 1 : 0;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
