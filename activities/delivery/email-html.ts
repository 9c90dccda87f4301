import type { OutgoingMessage } from './message-sender';

/**
 * The HTML part of an email: the plain text, escaped, with its link made clickable. No images,
 * no remote resources and no tracking: nothing tells anyone when or where the message was opened.
 */
export function emailHtml(message: Pick<OutgoingMessage, 'subject' | 'body' | 'link'>): string {
  let body = escapeHtml(message.body);
  if (message.link) {
    const href = escapeHtml(message.link);
    body = body.split(href).join(`<a href="${href}">${href}</a>`);
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(message.subject ?? '')}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b">',
    `<p>${body}</p>`,
    '</body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
