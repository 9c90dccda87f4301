import { DEMO_ACCOUNTS } from './demo-accounts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain HTML, no script (the CSP forbids inline script), system fonts, readable on a phone. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ResetGate development IdP</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
  main { max-width: 380px; margin: 48px auto; background: #fff; padding: 28px; border-radius: 8px; box-shadow: 0 1px 3px rgb(0 0 0 / 15%); }
  h1 { font-size: 1.3rem; margin: 0 0 4px; }
  p.note { color: #4a5263; font-size: .9rem; margin: 0 0 20px; }
  form + p.note { margin-top: 20px; }
  label { display: block; font-weight: 600; margin: 14px 0 6px; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: 10px; border: 1px solid #8a93a6; border-radius: 4px; }
  button { width: 100%; margin-top: 20px; padding: 12px; font: inherit; font-weight: 600; color: #fff; background: #1f57c3; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { background: #fff; color: #1f57c3; border: 1px solid #1f57c3; margin-top: 10px; }
  .error { color: #a4262c; font-weight: 600; }
  table { width: 100%; border-collapse: collapse; font-size: .85rem; margin-top: 24px; }
  th, td { text-align: left; padding: 4px 0; border-bottom: 1px solid #e3e6ec; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export function loginPage(uid: string, options: { email?: string; error?: string } = {}): string {
  const accounts = DEMO_ACCOUNTS.map((a) => `<tr><td>${escapeHtml(a.email)}</td><td>${escapeHtml(a.groups.join(', '))}</td></tr>`).join('');
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p class="note">ResetGate development identity provider. Not for production: configure OIDC_ISSUER for your own.</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="/dev-idp/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label for="email">Email</label>
  <input id="email" name="email" type="email" required ${options.email ? '' : 'autofocus'} value="${escapeHtml(options.email ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required ${options.email ? 'autofocus' : ''}>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/dev-idp/interaction/${escapeHtml(uid)}/abort">
  <button class="secondary" type="submit">Cancel</button>
</form>
<p class="note">People in the directory sign in with their work email and the same password (for the verification portal's optional sign-in).</p>
<table aria-label="Demo accounts"><thead><tr><th scope="col">Demo account</th><th scope="col">Groups</th></tr></thead><tbody>${accounts}</tbody></table>`,
  );
}

/** oidc-provider hands us its own hidden form; we add the buttons. */
export function logoutPage(form: string): string {
  return page(
    'Sign out',
    `<h1>Sign out of the development IdP?</h1>
${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button class="secondary" type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

export function signedOutPage(consoleUrl: string): string {
  return page('Signed out', `<h1>You are signed out</h1><p><a href="${escapeHtml(consoleUrl)}">Back to the ResetGate console</a></p>`);
}
