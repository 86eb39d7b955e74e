import MarkdownIt from 'markdown-it';

/**
 * The only HTML a template prints unescaped. Section bodies may hold paragraphs, lists, tables,
 * bold and italic, nothing else: raw HTML stays text (html: false), and links, images,
 * autolinks, headings, code and quotes are not parsed, so "![x](http://…)" prints as typed.
 */
const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false }).enable([
  'paragraph',
  'list',
  'table',
  'emphasis',
  'escape',
  'entity',
  'newline',
]);

export const MARKDOWN_RULES = 'zero+paragraph,list,table,emphasis,escape,entity,newline;html=false';

export function renderMarkdown(source: string): string {
  return md.render(source.normalize('NFC'));
}

export type MarkdownToken = MarkdownIt.Token;

/** The same Markdown as block and inline tokens, for writers that are not HTML (the .docx). */
export function parseMarkdown(source: string): MarkdownToken[] {
  return md.parse(source.normalize('NFC'), {});
}
