import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../api/app.module';
import { buildOpenApiDocument } from '../api/app.factory';

/**
 * Writes the OpenAPI document without connecting to anything: Nest's preview mode builds the
 * module graph but instantiates no provider. Used by `npm run openapi` to generate the SSP client.
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'dist/openapi.json';
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  writeFileSync(out, JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n');
  await app.close();
  console.log(`OpenAPI document: ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
