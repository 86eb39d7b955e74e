import { placeAndDate } from './vn-date';

/** What every document needs besides its subject; the caller (the documents service) supplies it. */
export interface DocumentContext {
  /**
   * "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", or with its parent body on a first line:
   * "UBND TỈNH QUẢNG NINH\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ".
   */
  issuingAuthority: string;
  /** "Quảng Ninh" */
  place: string;
  /** "15/ĐA-UBND"; "/ĐA-UBND" leaves the number blank for the clerk. */
  number?: string;
  /** "Nơi nhận" entries; "Lưu: VT" is added unless the last entry is already a "Lưu" line. */
  recipients?: string[];
  /** The date of issue; otherwise each document picks its own (or leaves day and month blank). */
  date?: string | Date | null;
}

/** Who signs. `authority` wins; otherwise it is derived from `position`. */
export interface SignerInput {
  name?: string;
  /** "Phó Chủ tịch UBND tỉnh" */
  position?: string;
  /** ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] */
  authority?: string[];
}

export interface HeaderModel {
  /** The parent body (cơ quan chủ quản), printed above the issuing agency, not in bold. */
  parent: string | null;
  /** The issuing agency, in bold capitals, one entry a line. */
  authority: string[];
  /** "Số: 15/ĐA-UBND" */
  number: string;
  /** "Quảng Ninh, ngày 08 tháng 6 năm 2022"; null where the form has none (minutes). */
  placeDate: string | null;
}

export interface SignatureModel {
  /** The lines above the signature, in capitals. */
  authority: string[];
  name: string;
}

const NBSP = '\u00a0';

/** Text as people typed it, in the one Unicode form the fonts and search expect. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').trim();
}

export function upper(text: string): string {
  return clean(text).toLocaleUpperCase('vi');
}

const PEOPLES_COMMITTEE = /^(ỦY|UỶ) BAN NHÂN DÂN\s+(.+)$/u;

/**
 * The issuing agency as Decree 30 prints it: its parent body (first of several lines) above it,
 * and a People's Committee on two lines, "ỦY BAN NHÂN DÂN" over "TỈNH QUẢNG NINH".
 */
export function authorityBlock(issuingAuthority: string): { parent: string | null; name: string[] } {
  const lines = clean(issuingAuthority).split(/\r?\n/).map(upper).filter(Boolean);
  if (lines.length > 1) return { parent: lines[0], name: lines.slice(1) };
  const m = PEOPLES_COMMITTEE.exec(lines[0] ?? '');
  return { parent: null, name: m ? [`${m[1]} BAN NHÂN DÂN`, m[2]] : lines };
}

export function numberLine(number: string | undefined): string {
  const n = clean(number);
  if (!n) return `Số:${NBSP.repeat(8)}`;
  return n.startsWith('/') ? `Số:${NBSP.repeat(8)}${n}` : `Số: ${n}`;
}

export function header(ctx: DocumentContext, date: Date | string | null, year?: number, withDate = true): HeaderModel {
  const { parent, name } = authorityBlock(ctx.issuingAuthority);
  return {
    parent,
    authority: name,
    number: numberLine(ctx.number),
    placeDate: withDate ? placeAndDate(clean(ctx.place), date, year) : null,
  };
}

/**
 * "Nơi nhận": one entry a line, "- " before each, ";" after each but the last, which is the
 * archive line ("- Lưu: VT.").
 */
export function recipientEntries(recipients: readonly string[] | undefined): string[] {
  const entries = (recipients ?? [])
    .map((r) =>
      clean(r)
        .replace(/^[-–+•*]\s*/u, '')
        .replace(/[\s;.,]+$/u, ''),
    )
    .filter(Boolean);
  if (!entries.length || !/^lưu\b/iu.test(entries[entries.length - 1])) entries.push('Lưu: VT');
  return entries.map((e, i) => `- ${e}${i === entries.length - 1 ? '.' : ';'}`);
}

/** "Phạm Văn Thành, Phó Chủ tịch UBND tỉnh" → "Phạm Văn Thành": the name printed under a signature. */
export function personName(text: string): string {
  return clean(text.split(',')[0]).replace(/^(ông|bà|đồng chí|đ\/c)\s+/iu, '');
}

const AGENCY_WORDS = /\s+(?:UBND|HĐND|[ỦUủu][yỷ] ban|Sở|sở|tỉnh|thành phố|huyện|thị xã)(?=\s|$).*$/u;

/**
 * The lines above a signature under Decree 30: a collegial body (a People's Committee) signs
 * "TM." (on behalf of) it; a deputy signs "KT." (for) the head, then gives their own title.
 * "Phó Chủ tịch UBND tỉnh" for "ỦY BAN NHÂN DÂN …" → TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
 */
export function signatureAuthority(issuingAuthority: string, position: string): string[] {
  const body = authorityBlock(issuingAuthority).name[0] ?? '';
  const collegial = /^(ỦY|UỶ) BAN NHÂN DÂN$/u.test(body);
  const role = clean(position.split(',')[0]).replace(AGENCY_WORDS, '');
  const lines = collegial ? [`TM. ${body}`] : [];
  const deputy = /^phó\s+(.+)$/iu.exec(role);
  if (deputy) lines.push(`KT. ${upper(deputy[1])}`);
  if (role) lines.push(upper(role));
  return lines;
}

export function signature(ctx: DocumentContext, signer: SignerInput | undefined, fallbackName?: string): SignatureModel | null {
  const name = clean(signer?.name ?? fallbackName);
  if (!signer && !name) return null;
  const authority = signer?.authority?.length
    ? signer.authority.map(upper)
    : signer?.position
      ? signatureAuthority(ctx.issuingAuthority, signer.position)
      : authorityBlock(ctx.issuingAuthority)
          .name.slice(0, 1)
          .map((b) => (/^(ỦY|UỶ) BAN NHÂN DÂN$/u.test(b) ? `TM. ${b}` : b));
  return { authority, name };
}

/** Splits text typed with blank lines or line breaks into paragraphs. */
export function paragraphs(text: string | null | undefined): string[] {
  return clean(text)
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
