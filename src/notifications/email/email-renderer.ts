import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATES_DIR } from '../../common/paths';
import type { Message } from '../domain/messages';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// Plain-text output must not be HTML-escaped; the HTML one escapes every value (no {{{ }}}).
const html = Handlebars.compile(readFileSync(join(TEMPLATES_DIR, 'email', 'notification.html.hbs'), 'utf8'), { strict: true });
const text = Handlebars.compile(readFileSync(join(TEMPLATES_DIR, 'email', 'notification.text.hbs'), 'utf8'), { strict: true, noEscape: true });

/** The e-mail for one notification, from the templates under templates/email/. */
export function renderEmail(message: Message, recipientName: string, publicUrl: string): RenderedEmail {
  const items = (message.items ?? []).map((i) => ({ text: i.text, link: `${publicUrl}${i.path}` }));
  const model = { title: message.title, body: message.body, link: `${publicUrl}${message.path}`, recipientName, items, hasItems: items.length > 0 };
  return { subject: `[duthao] ${message.title}`, text: text(model), html: html(model) };
}
