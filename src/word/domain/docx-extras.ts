import type { Skipped } from './draft-sections';
import { parseXml } from './reply-marks';

type Node = { nodeType: number; localName?: string | null; childNodes: ArrayLike<Node>; data?: string; getAttribute?(name: string): string | null };

const kids = (n: Node) => Array.from(n.childNodes).filter((c) => c.nodeType === 1);

/**
 * What mammoth keeps as plain text without saying so: text boxes (their text joins the flow) and
 * fields other than links (their last result stays, the field goes). Each is listed at the
 * paragraph that holds it.
 */
export function textBoxesAndFields(documentXml: string): Skipped[] {
  // Most files have neither: no second parse of the whole document for them.
  if (!/txbxContent|fldSimple|instrText/.test(documentXml)) return [];
  const out: Skipped[] = [];
  const walk = (n: Node, paragraph: { text: string; found: Set<'text_box' | 'field'> } | null) => {
    for (const c of kids(n)) {
      const name = c.localName ?? '';
      if (name === 'p' && !paragraph) {
        const own = { text: '', found: new Set<'text_box' | 'field'>() };
        walk(c, own);
        const snippet = own.text.replace(/\s+/g, ' ').trim();
        const where = `đoạn “${snippet.length > 60 ? `${snippet.slice(0, 60)}…` : snippet}”`;
        for (const what of own.found) out.push({ what, where });
      } else if (name === 'txbxContent') {
        paragraph?.found.add('text_box');
        // Its paragraphs are the box's, listed with the paragraph that anchors it.
        if (paragraph) walk(c, paragraph);
      } else if (name === 'Fallback') {
        continue;
      } else if (name === 'fldSimple' || name === 'instrText') {
        const code =
          name === 'fldSimple'
            ? (c.getAttribute?.('w:instr') ?? '')
            : Array.from(c.childNodes)
                .map((t) => t.data ?? '')
                .join('');
        if (code.trim() && !/^\s*HYPERLINK\b/i.test(code)) paragraph?.found.add('field');
        if (name === 'fldSimple') walk(c, paragraph);
      } else if (name === 't' && paragraph) {
        paragraph.text += Array.from(c.childNodes)
          .map((t) => t.data ?? '')
          .join('');
      } else if (name !== 'pPr' && name !== 'rPr') {
        walk(c, paragraph);
      }
    }
  };
  walk(parseXml(documentXml), null);
  return out;
}
