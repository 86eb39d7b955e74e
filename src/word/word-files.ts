import mammoth from 'mammoth';
import { COMMENTS_PART, DOCUMENT_PART, readDocx } from './docx-archive';
import { textBoxesAndFields } from './domain/docx-extras';
import { draftFromBlocks, ImportedDraft } from './domain/draft-sections';
import { htmlBlocks } from './domain/html-blocks';
import { ReplyMarks, readReply, UnreadableXml } from './domain/reply-marks';
import { wordFileProblems as problems } from './word-errors';

const CORE_PART = 'docProps/core.xml';

/** The file's own title (File > Properties), when it has one. */
function coreTitle(xml: string | null): string | null {
  const m = xml ? /<dc:title>([^<]*)<\/dc:title>/.exec(xml) : null;
  const title = m?.[1]
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return title || null;
}

const damagedXml = (err: unknown) =>
  err instanceof UnreadableXml
    ? problems.damaged({ vi: 'nội dung XML của tài liệu không hợp lệ', en: `the document's XML is not well-formed (${err.message})` })
    : err;

/**
 * A .docx as a plan's draft: read safely (docx-archive.ts), turned into HTML by mammoth (which never
 * reads linked files, and whose images are dropped unread), then into sections.
 */
export async function readDraftFile(buffer: Buffer): Promise<ImportedDraft> {
  const parts = await readDocx(buffer, [DOCUMENT_PART, CORE_PART]);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      { externalFileAccess: false, convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw problems.damaged({
      vi: 'không đọc được nội dung tài liệu',
      en: `its content could not be read (${err instanceof Error ? err.message : String(err)})`,
    });
  }
  const doc = htmlBlocks(html);
  if (!doc) throw problems.damaged({ vi: 'không đọc được nội dung tài liệu', en: 'its content could not be read' });
  let extras;
  try {
    extras = textBoxesAndFields(parts.get(DOCUMENT_PART)!);
  } catch (err) {
    throw damagedXml(err);
  }
  if (!doc.blocks.some((b) => b.text.trim())) throw problems.noText();
  const draft = draftFromBlocks(doc, coreTitle(parts.get(CORE_PART)));
  return { ...draft, skipped: [...draft.skipped, ...extras] };
}

/** A marked-up .docx: its text as sent, its Word comments and its tracked changes. */
export async function readReplyFile(buffer: Buffer): Promise<ReplyMarks> {
  const parts = await readDocx(buffer, [DOCUMENT_PART, COMMENTS_PART]);
  try {
    return readReply(parts.get(DOCUMENT_PART)!, parts.get(COMMENTS_PART));
  } catch (err) {
    throw damagedXml(err);
  }
}
