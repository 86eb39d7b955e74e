import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  INumberingOptions,
  IRunOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { HeaderModel, SignatureModel } from '../domain/document-parts';

/**
 * The Decree 30/2020 layout (Appendix I) in Word terms, shared by the four kinds: the page, the
 * fonts, the header with the national title, the title block, "Nơi nhận" and the signature, the
 * bordered tables. The same rules as templates/pdf/document.css, so both formats look alike.
 */

export type Block = Paragraph | Table;

/** Twips (1/20 pt) in a millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (n: number): number => Math.round(n * TWIPS_PER_MM);

export const FONT = 'Times New Roman';
/** Half-points: 14 pt body, 13 pt agency, 12 pt tables and "Nơi nhận", 11 pt its entries. */
export const SIZE = { body: 28, agency: 26, nation: 25, table: 24, note: 22, recipients: 24, entry: 22, compare: 23 } as const;
/** First-line indent of body paragraphs: 1 cm. */
export const INDENT = 567;
/** 6 pt after each paragraph. */
const AFTER = 120;
/** A4 between margins: 210 − 30 − 15 mm. */
export const TEXT_WIDTH = mm(165);

export type RunStyle = Pick<IRunOptions, 'bold' | 'italics' | 'size' | 'strike' | 'allCaps'> & { underline?: boolean };

/** Runs of one text; a line break in it stays a line break. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  const { underline, ...rest } = style;
  return text.split(/\r?\n/).map((line, i) => new TextRun({ ...rest, ...(underline ? { underline: {} } : {}), text: line, break: i > 0 ? 1 : undefined }));
}

export interface ParaOptions {
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent (body text); off for centred lines and table cells. */
  indent?: boolean;
  after?: number;
  before?: number;
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/**
 * A paragraph. A body paragraph (justified, first line indented, 6 pt after) is the document's
 * default, so it carries no properties of its own: a long document is mostly those, and its size
 * is what writing it costs.
 */
export function para(children: ParagraphChild[], o: ParaOptions = {}): Paragraph {
  const align = o.align ?? 'justify';
  const indented = o.indent !== false && align === 'justify';
  const after = o.after ?? AFTER;
  return new Paragraph({
    children,
    alignment: align === 'justify' ? undefined : ALIGN[align],
    indent: indented ? undefined : { firstLine: 0 },
    spacing: after === AFTER && !o.before ? undefined : { before: o.before, after },
    keepNext: o.keepNext,
  });
}

/** A body paragraph: justified, first line indented. */
export const body = (text: string, style: RunStyle = {}): Paragraph => para(runs(text, style));

export const centered = (text: string, style: RunStyle = {}, o: ParaOptions = {}): Paragraph => para(runs(text, style), { after: 0, ...o, align: 'center' });

/** A short centred rule: a bottom border on an empty paragraph narrowed by its indents. */
export function rule(width: number, share: number, after = 0): Paragraph {
  const side = Math.round((width * (1 - share)) / 2);
  return new Paragraph({
    children: [],
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' } as const;
const GRID_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/** A borderless table of columns side by side (the header, the closing, the minutes' signatures). */
export function layoutTable(columns: { share: number; children: Block[] }[]): Table {
  const widths = columns.map((c) => Math.round(TEXT_WIDTH * c.share));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: columns.map(
          (c, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              borders: NO_BORDERS,
              children: c.children.length ? c.children : [new Paragraph({})],
            }),
        ),
      }),
    ],
  });
}

export interface GridColumn {
  title: string;
  /** Share of the text width. */
  share: number;
}

/**
 * A bordered table whose header row repeats on every page (`w:tblHeader`) and whose rows never
 * split across pages: the report, the comparison, the directives, the tables of a body.
 */
export function gridTable(columns: GridColumn[], rows: Block[][][], size: number = SIZE.table, width = TEXT_WIDTH): Table {
  const widths = columns.map((c) => Math.round(width * c.share));
  // Each cell takes the width of its grid column (the docx library writes it): none given here.
  const cell = (children: Block[]) => new TableCell({ children: children.length ? children : [new Paragraph({ style: CELL_STYLE })] });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => cell([cellText(c.title, { bold: true, size }, 'center')])) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((children) => cell(children)) })),
    ],
  });
}

/** The paragraph style of table cells: 12 pt, no indent, little space after. */
export const CELL_STYLE = 'TableText';

/** A paragraph in a table cell; a size other than the cell style's 12 pt is set on its runs. */
export function cellText(text: string, style: RunStyle = {}, align: ParaOptions['align'] = 'left'): Paragraph {
  return cellPara(runs(text, { ...style, size: style.size === SIZE.table ? undefined : style.size }), align);
}

export function cellPara(children: ParagraphChild[], align: ParaOptions['align'] = 'left'): Paragraph {
  return new Paragraph({ style: CELL_STYLE, children, alignment: align === 'left' ? undefined : ALIGN[align ?? 'left'] });
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Issuing agency with its short rule | national title over the underlined motto; then number | place and date. */
export function documentHeader(h: HeaderModel): Table {
  const left: Block[] = [
    ...(h.parent ? [centered(h.parent, { size: SIZE.agency })] : []),
    ...h.authority.map((line) => centered(line, { bold: true, size: SIZE.agency })),
    rule(TEXT_WIDTH * 0.38, 0.33, 120),
    centered(h.number, { size: SIZE.agency }),
  ];
  const right: Block[] = [
    centered(NATIONAL_TITLE, { bold: true, size: SIZE.nation }),
    centered(MOTTO, { bold: true, size: 27, underline: true }, { after: 120 }),
    ...(h.placeDate ? [centered(h.placeDate, { italics: true })] : []),
  ];
  return layoutTable([
    { share: 0.38, children: left },
    { share: 0.62, children: right },
  ]);
}

/** Document type and subject (tên loại, trích yếu) with a short rule under them. */
export function titleBlock(docType: string | null, subject: string): Block[] {
  return [
    ...(docType ? [centered(docType, { bold: true }, { before: 240 })] : []),
    centered(subject, { bold: true }, docType ? {} : { before: 240 }),
    rule(TEXT_WIDTH, 0.3, 240),
  ];
}

export function recipientsBlock(recipients: string[]): Paragraph[] {
  return [
    para(runs('Nơi nhận:', { bold: true, italics: true, size: SIZE.recipients }), { align: 'left', after: 0 }),
    ...recipients.map((r) => para(runs(r, { size: SIZE.entry }), { align: 'left', after: 0 })),
  ];
}

export function signatureBlock(authority: string[], name: string): Paragraph[] {
  return [...authority.map((line) => centered(line, { bold: true })), centered('', {}, { after: 1400 }), centered(name, { bold: true })];
}

/** "Nơi nhận" bottom left, the signature bottom right. */
export function closing(recipients: string[], signature: SignatureModel | null): Table {
  return layoutTable([
    { share: 0.45, children: recipientsBlock(recipients) },
    { share: 0.55, children: signature ? signatureBlock(signature.authority, signature.name) : [] },
  ]);
}

export interface DocxDocument {
  title: string;
  children: Block[];
  numbering?: INumberingOptions;
  /** The audit checkpoint line, printed small after everything else. */
  auditLine?: string | null;
}

const heading = (italics = false) => ({
  run: { font: FONT, size: SIZE.body, bold: true, italics, color: '000000' },
  paragraph: { spacing: { before: 240, after: AFTER } },
});

/**
 * A4 portrait, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt;
 * the page number centred in the top margin from page 2 (the first page has a header of its own, empty).
 */
export function decreeDocument(d: DocxDocument): Document {
  return new Document({
    title: d.title,
    creator: 'duthao',
    numbering: d.numbering ?? { config: [] },
    styles: {
      paragraphStyles: [
        {
          id: CELL_STYLE,
          name: 'Table Text',
          basedOn: 'Normal',
          quickFormat: true,
          run: { size: SIZE.table },
          paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, spacing: { after: 40 } },
        },
      ],
      default: {
        document: {
          run: { font: FONT, size: SIZE.body },
          paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: AFTER } },
        },
        heading1: heading(),
        heading2: heading(),
        heading3: heading(true),
        heading4: heading(true),
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(210), height: mm(297), orientation: PageOrientation.PORTRAIT },
            margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({})] }),
          default: new Header({ children: [para([new TextRun({ children: [PageNumber.CURRENT], size: SIZE.agency })], { align: 'center', after: 0 })] }),
        },
        children: d.auditLine ? [...d.children, para(runs(d.auditLine, { size: 16 }), { align: 'left', before: 360, after: 0, indent: false })] : d.children,
      },
    ],
  });
}
