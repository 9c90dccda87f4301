/**
 * Rows one page at a time in key order, each page starting after the last key seen: the table is
 * never read whole, and a page is fetched only when the previous one has been written out.
 */
export async function* keysetRows<T, K>(
  fetchPage: (after: K | undefined, limit: number) => Promise<{ rows: T[]; lastKey: K | undefined }>,
  pageSize = 500,
): AsyncGenerator<T> {
  let after: K | undefined;
  for (;;) {
    const { rows, lastKey } = await fetchPage(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = lastKey;
  }
}
