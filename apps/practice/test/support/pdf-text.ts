import { inflateSync } from 'node:zlib';

/** A piece of text as a PDF draws it, with the font it was drawn in. */
export interface DrawnText {
  text: string;
  /** The font's BaseFont, e.g. `ABCDEF+NotoSans-Regular` (embedded subset) or `Helvetica`. */
  font: string;
  /** Whether the font program is in the file (FontFile/FontFile2/FontFile3). */
  embedded: boolean;
}

export interface PdfText {
  /** Lines as drawn, top to bottom: text drawn at one height joins into one line. */
  text: string;
  drawn: DrawnText[];
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\r?\n/g;
  for (let m = header.exec(raw); m; m = header.exec(raw)) {
    const start = m.index + m[0].length;
    const streamAt = raw.slice(start).search(/\r?\nstream\r?\n|\r?\nendobj/);
    const rest = raw.slice(start + streamAt);
    if (streamAt < 0 || !/^\r?\nstream/.test(rest)) {
      out.set(Number(m[1]), { dict: raw.slice(start, streamAt < 0 ? undefined : start + streamAt) });
      continue;
    }
    const dict = raw.slice(start, start + streamAt);
    // The stream is exactly /Length bytes: compressed data may well contain "endobj" by chance.
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const dataAt = start + streamAt + /^\r?\nstream\r?\n/.exec(rest)![0].length;
    const data = Buffer.from(raw.slice(dataAt, dataAt + length), 'latin1');
    out.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(data) : data });
    header.lastIndex = dataAt + length;
  }
  return out;
}

const utf16 = (hex: string): string => Buffer.from(hex.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');

/** A ToUnicode CMap: character code (hex) to text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const block of text.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1].toLowerCase(), utf16(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [lo, hi, width] = [parseInt(m[1], 16), parseInt(m[2], 16), m[1].length];
      // A ligature maps to several characters (`<0066 0069>` is "fi"), a glyph added by shaping to none (`<>`).
      const targets = m[3].startsWith('[') ? [...m[3].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((t) => t[1]) : undefined;
      for (let code = lo; code <= hi; code++) {
        const key = code.toString(16).padStart(width, '0');
        if (targets) map.set(key, utf16(targets[code - lo]));
        else {
          const start = Buffer.from(m[3].slice(1, -1), 'hex');
          start.writeUInt16BE(start.readUInt16BE(start.length - 2) + (code - lo), start.length - 2);
          map.set(key, utf16(start.toString('hex')));
        }
      }
    }
  }
  return map;
}

interface Font {
  base: string;
  embedded: boolean;
  decode: (hex: string) => string;
}

function fontOf(objs: Map<number, PdfObject>, id: number): Font {
  const dict = objs.get(id)?.dict ?? '';
  const base = /\/BaseFont\s*\/([^\s/>]+)/.exec(dict)?.[1] ?? '?';
  const toUnicode = /\/ToUnicode\s+(\d+) 0 R/.exec(dict);
  const descendant = /\/DescendantFonts\s*\[\s*(\d+) 0 R/.exec(dict);
  const descriptorOf = (d: string) => /\/FontDescriptor\s+(\d+) 0 R/.exec(d)?.[1];
  const descriptor = descriptorOf(dict) ?? (descendant ? descriptorOf(objs.get(Number(descendant[1]))?.dict ?? '') : undefined);
  const embedded = descriptor !== undefined && /\/FontFile[23]?\s/.test(objs.get(Number(descriptor))?.dict ?? '');
  if (!toUnicode) {
    // A standard font: one byte per character, WinAnsi (latin1 for what a certificate prints).
    return { base, embedded, decode: (hex) => Buffer.from(hex, 'hex').toString('latin1') };
  }
  const map = cmap(objs.get(Number(toUnicode[1]))?.stream?.toString('latin1') ?? '');
  const width = [...map.keys()][0]?.length ?? 4;
  return {
    base,
    embedded,
    decode: (hex) => (hex.toLowerCase().match(new RegExp(`.{${width}}`, 'g')) ?? []).map((code) => map.get(code) ?? '\uFFFD').join(''),
  };
}

/**
 * The text a PDF shows, read the way a viewer's "copy text" does: content streams are followed
 * operator by operator (`Tf` picks the font, `Tm` the position, `TJ`/`Tj` draw), and each string is
 * decoded through its font's ToUnicode map, or as WinAnsi for a standard font. Enough for the PDFs
 * PDFKit writes; not a general PDF parser.
 */
export function pdfText(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const fonts = new Map<string, Font>();
  for (const { dict } of objs.values()) {
    const resources = /\/Font\s*<<([^>]*)>>/.exec(dict);
    if (!resources) continue;
    for (const m of resources[1].matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) fonts.set(m[1], fontOf(objs, Number(m[2])));
  }
  const drawn: DrawnText[] = [];
  const lines: string[] = [];
  let lastY: string | undefined;
  for (const { stream } of objs.values()) {
    const content = stream?.toString('latin1') ?? '';
    if (!/\bBT\b/.test(content)) continue;
    let font: Font | undefined;
    for (const op of content.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+Tm|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (op[1]) font = fonts.get(op[1]);
      else if (op[2] !== undefined) {
        if (lastY !== undefined && op[2] !== lastY) lines.push('\n');
        lastY = op[2];
      } else if (font) {
        const hex = op[3] !== undefined ? [...op[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : op[4];
        const text = font.decode(hex);
        drawn.push({ text, font: font.base, embedded: font.embedded });
        lines.push(text);
      }
    }
  }
  return { text: lines.join(''), drawn };
}
