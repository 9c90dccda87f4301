import { generateScimOrganisation, startFakeScim } from '../support/fake-scim';

/** The SCIM peer in its own process, so the benchmark's memory is the sync's alone. */
async function main(): Promise<void> {
  const org = generateScimOrganisation(Number(process.argv[2] ?? 10_000));
  const scim = await startFakeScim(org.users, org.groups);
  process.send!({ url: scim.url, token: scim.token, users: org.users.length, groups: org.groups.length });
  process.on('disconnect', () => void scim.close().then(() => process.exit(0)));
}

void main();
