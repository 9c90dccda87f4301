import type { Payload } from '@temporalio/common';
import { ProblemException } from '../common/problem';

/** The remote codec protocol's body: `{ "payloads": [{ "metadata": { key: base64 }, "data": base64 }] }` (protobuf JSON). */
export interface CodecBody {
  payloads: { metadata: Record<string, string>; data: string }[];
}

const MAX_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Reads and checks the body; anything else is a 400 problem that says what to send. */
export function parseCodecBody(body: unknown): Payload[] {
  if (!isObject(body) || !Array.isArray(body.payloads)) {
    throw invalid('Send {"payloads": [{"metadata": {…}, "data": "<base64>"}]} as Temporal’s remote codec protocol does.');
  }
  if (body.payloads.length > MAX_PAYLOADS) throw invalid(`Send at most ${MAX_PAYLOADS} payloads per request.`);
  return body.payloads.map((item: unknown, index) => {
    const where = `payloads[${index}]`;
    if (!isObject(item)) throw invalid(`${where} must be an object with metadata and data.`);
    const metadata: Record<string, Uint8Array> = {};
    if (item.metadata !== undefined && item.metadata !== null) {
      if (!isObject(item.metadata)) throw invalid(`${where}.metadata must be an object of base64 strings.`);
      for (const [key, value] of Object.entries(item.metadata)) metadata[key] = base64(value, `${where}.metadata.${key}`);
    }
    return { metadata, data: item.data === undefined || item.data === null ? new Uint8Array() : base64(item.data, `${where}.data`) };
  });
}

export function toCodecBody(payloads: Payload[]): CodecBody {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}

function base64(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) throw invalid(`${where} must be a base64 string.`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(detail: string): ProblemException {
  return new ProblemException('validation', detail);
}
