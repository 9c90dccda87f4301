import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../core/database/data-source-options';
import { verifyAuditChain } from '../core/audit/audit-chain';
import { auditKeyBytes } from '../core/audit/audit-key';

/** `npm run audit:verify`: walks the audit hash chain and names the first broken record, if any. */
async function main(): Promise<void> {
  const { DATABASE_URL, RESETGATE_AUDIT_KEY } = process.env;
  if (!DATABASE_URL || !RESETGATE_AUDIT_KEY) {
    console.error('usage: DATABASE_URL=postgres://… RESETGATE_AUDIT_KEY=… npm run audit:verify');
    process.exit(2);
  }
  const dataSource = await new DataSource(dataSourceOptions(DATABASE_URL)).initialize();
  try {
    const verdict = await verifyAuditChain(dataSource.manager, auditKeyBytes(RESETGATE_AUDIT_KEY));
    if (verdict.intact) console.log(`audit chain intact: ${verdict.checked} records checked`);
    else
      console.log(
        `audit chain BROKEN at record ${verdict.firstBroken!.id}: ${verdict.firstBroken!.reason} (${verdict.checked} records before it are intact)`,
      );
    process.exitCode = verdict.intact ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
