const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain HTML, no script (the CSP forbids inline script), system fonts, readable on a phone. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ResetGate development identity verification</title>
<style>
  body { font-family: system-ui, sans-serif; background: #eef3f1; color: #1d2433; margin: 0; }
  main { max-width: 380px; margin: 32px auto; background: #fff; padding: 24px; border-radius: 8px; box-shadow: 0 1px 3px rgb(0 0 0 / 15%); }
  h1 { font-size: 1.3rem; margin: 0 0 4px; }
  p.note { color: #4a5263; font-size: .9rem; margin: 0 0 16px; }
  label { display: block; font-weight: 600; margin: 14px 0 6px; }
  label.check { font-weight: 400; display: flex; gap: 8px; align-items: center; }
  label.check input { width: auto; }
  input, select { width: 100%; box-sizing: border-box; font: inherit; padding: 10px; border: 1px solid #8a93a6; border-radius: 4px; }
  .scan { border: 2px dashed #5b6b66; border-radius: 8px; padding: 16px; text-align: center; color: #3c4a45; margin: 8px 0 4px; }
  button { width: 100%; margin-top: 20px; padding: 12px; font: inherit; font-weight: 600; color: #fff; background: #17694f; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #17694f; border: 1px solid #17694f; margin-top: 10px; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export const DOCUMENT_TYPES = { idcard: 'Identity card', passport: 'Passport', driving_permit: 'Driving licence' } as const;

/**
 * "Scan your document": the tester types the name the document shows (prefilled with the
 * directory's, to change for a mismatch), picks its type and whether the selfie matched.
 */
export function scanPage(base: string, uid: string, name: { given: string; family: string }): string {
  const options = Object.entries(DOCUMENT_TYPES)
    .map(([value, label]) => `<option value="${value}">${escapeHtml(label)}</option>`)
    .join('');
  return page(
    'Scan your identity document',
    `<h1>Scan your identity document</h1>
<p class="note">ResetGate development identity verification. Not for production: set IDV_ISSUER to your provider.</p>
<div class="scan" aria-hidden="true">▭ Hold your document in the frame, then take a selfie</div>
<form method="post" action="${escapeHtml(base)}/interaction/${escapeHtml(uid)}/scan" autocomplete="off">
  <label for="documentType">Document</label>
  <select id="documentType" name="documentType">${options}</select>
  <label for="givenName">Given names on the document</label>
  <input id="givenName" name="givenName" required maxlength="100" value="${escapeHtml(name.given)}">
  <label for="familyName">Family name on the document</label>
  <input id="familyName" name="familyName" required maxlength="100" value="${escapeHtml(name.family)}">
  <label class="check"><input type="checkbox" name="selfie" value="matched" checked> The selfie matches the photo on the document</label>
  <button type="submit">Scan document and selfie</button>
</form>
<form method="post" action="${escapeHtml(base)}/interaction/${escapeHtml(uid)}/abort">
  <button class="secondary" type="submit">Cancel</button>
</form>`,
  );
}
