import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/** The few words a certificate prints, per language; a certificate in any other falls back to English. */
interface CertificateLabels {
  title: string;
  certifies: string;
  activity: string;
  hours: string;
  sessions: string;
  issuedOn: string;
  reference: string;
}

const LABELS: Record<string, CertificateLabels> = {
  en: {
    title: 'Certificate of attendance',
    certifies: 'This is to certify that',
    activity: 'attended',
    hours: 'Hours attended',
    sessions: 'Sessions attended',
    issuedOn: 'Issued on',
    reference: 'Certificate no.',
  },
  de: {
    title: 'Teilnahmebescheinigung',
    certifies: 'Hiermit wird bescheinigt, dass',
    activity: 'teilgenommen hat an',
    hours: 'Besuchte Stunden',
    sessions: 'Besuchte Sitzungen',
    issuedOn: 'Ausgestellt am',
    reference: 'Bescheinigung Nr.',
  },
  it: {
    title: 'Attestato di partecipazione',
    certifies: 'Si attesta che',
    activity: 'ha partecipato a',
    hours: 'Ore frequentate',
    sessions: 'Sessioni frequentate',
    issuedOn: 'Rilasciato il',
    reference: 'Attestato n.',
  },
  es: {
    title: 'Certificado de asistencia',
    certifies: 'Se certifica que',
    activity: 'ha asistido a',
    hours: 'Horas de asistencia',
    sessions: 'Sesiones asistidas',
    issuedOn: 'Expedido el',
    reference: 'Certificado n.º',
  },
  fr: {
    title: 'Attestation de participation',
    certifies: 'Nous attestons que',
    activity: 'a participé à',
    hours: 'Heures suivies',
    sessions: 'Séances suivies',
    issuedOn: 'Délivrée le',
    reference: 'Attestation n°',
  },
  nl: {
    title: 'Bewijs van deelname',
    certifies: 'Hierbij wordt verklaard dat',
    activity: 'heeft deelgenomen aan',
    hours: 'Bijgewoonde uren',
    sessions: 'Bijgewoonde sessies',
    issuedOn: 'Uitgereikt op',
    reference: 'Certificaatnr.',
  },
};

/** Languages the certificate template exists in, and the one used when the person's is not among them. */
export const CERTIFICATE_LANGUAGES: readonly string[] = Object.keys(LABELS);
export const CERTIFICATE_FALLBACK_LANGUAGE = 'en';

export interface CertificateContent {
  id: string;
  language: string;
  personName: string;
  activityTitle: string;
  attendedMinutes: number;
  attendedSessions: number;
  /** YYYY-MM-DD, the host's day. */
  issuedOn: string;
}

const labelsFor = (language: string): CertificateLabels => LABELS[new Intl.Locale(language).language] ?? LABELS[CERTIFICATE_FALLBACK_LANGUAGE];

export function formatHours(minutes: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(minutes / 60);
}

/**
 * Noto Sans as @fontsource ships it: one file per script subset and weight. PDFKit's own fonts
 * (Helvetica & co.) are WinAnsi, so "Σοφία", "Олена" or "Łukasz" would print as wrong letters.
 * The WOFF files are embedded (subset to the glyphs used, with a ToUnicode map so the text can be
 * searched and copied); the WOFF2 ones make fontkit 2.0 in PDFKit 0.17 throw ("Offset is outside the
 * bounds of the DataView") when subsetting, so they are not used.
 *
 * Not covered: the package has no Arabic, Hebrew, CJK or other subsets, and PDFKit neither shapes
 * nor orders right-to-left text, so an embedded Arabic font would still print disjoint letters
 * backwards. A character no subset covers is drawn with the Latin face, which shows its
 * missing-glyph box: the certificate is still issued and laid out, the letters around it stay
 * right, and the gap is visible rather than silently replaced by other letters.
 */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'] as const;
type Subset = (typeof SUBSETS)[number];
type Weight = 400 | 700;

const FONT_PACKAGE = '@fontsource/noto-sans';

/** Code point ranges per subset, as the package declares them (its CSS `unicode-range`). */
const RANGES: Record<Subset, [number, number][]> = (() => {
  const declared = JSON.parse(readFileSync(require.resolve(`${FONT_PACKAGE}/unicode.json`), 'utf8')) as Record<string, string>;
  return Object.fromEntries(
    SUBSETS.map((subset) => [
      subset,
      declared[subset].split(',').map((range) => {
        const [from, to = from] = range.replace(/^U\+/, '').split('-');
        return [parseInt(from, 16), parseInt(to, 16)] as [number, number];
      }),
    ]),
  ) as Record<Subset, [number, number][]>;
})();

const fontFiles = new Map<string, Buffer>();

function fontFile(subset: Subset, weight: Weight): Buffer {
  const name = `noto-sans-${subset}-${weight}-normal.woff`;
  let file = fontFiles.get(name);
  if (!file) {
    file = readFileSync(require.resolve(`${FONT_PACKAGE}/files/${name}`));
    fontFiles.set(name, file);
  }
  return file;
}

const covers = (subset: Subset, codePoint: number): boolean => RANGES[subset].some(([from, to]) => codePoint >= from && codePoint <= to);

/** The subset whose face draws a character; the Latin one for what none covers (see above). */
export function subsetFor(codePoint: number): Subset | null {
  return SUBSETS.find((s) => covers(s, codePoint)) ?? null;
}

export interface Run {
  subset: Subset;
  text: string;
}

/**
 * Text cut into runs of one subset each. Whitespace stays in the run it is in (every subset has
 * the space), so "Σοφία Παπαδοπούλου" is one run, not three.
 */
export function fontRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const ch of text.normalize('NFC')) {
    const last = runs[runs.length - 1];
    const subset = last && /\s/u.test(ch) ? last.subset : (subsetFor(ch.codePointAt(0) ?? 0) ?? 'latin');
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

const faceName = (subset: Subset, weight: Weight) => `noto-${subset}-${weight}`;

function registerFaces(doc: PDFKit.PDFDocument): void {
  for (const subset of SUBSETS) {
    for (const weight of [400, 700] as const) doc.registerFont(faceName(subset, weight), fontFile(subset, weight));
  }
}

interface LineStyle {
  size: number;
  weight?: Weight;
  align?: 'center' | 'left';
}

/**
 * Writes text in as many faces as its scripts need, wrapped at word boundaries to the page's
 * width. PDFKit's own wrapping cannot centre a line that changes font midway, so lines are
 * measured and placed here.
 */
function write(doc: PDFKit.PDFDocument, text: string, { size, weight = 400, align = 'left' }: LineStyle): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const measure = (t: string) =>
    fontRuns(t).reduce((sum, r) => sum + doc.font(faceName(r.subset, weight)).fontSize(size).widthOfString(r.text), 0);
  const lines: string[] = [];
  let current = '';
  for (const token of text.split(/(\s+)/u)) {
    if (current && /\S/u.test(token) && measure(current + token) > width) {
      lines.push(current.trimEnd());
      current = token;
    } else if (current || /\S/u.test(token)) {
      current += token;
    }
  }
  if (current) lines.push(current.trimEnd());
  const lineHeight = doc.font(faceName('latin', weight)).fontSize(size).currentLineHeight(true);
  let y = doc.y;
  for (const line of lines) {
    let x = align === 'center' ? left + (width - measure(line)) / 2 : left;
    for (const run of fontRuns(line)) {
      doc.font(faceName(run.subset, weight)).fontSize(size).text(run.text, x, y, { lineBreak: false });
      x += doc.widthOfString(run.text);
    }
    y += lineHeight;
  }
  doc.font(faceName('latin', weight)).fontSize(size);
  doc.x = left;
  doc.y = y;
}

/** Renders the certificate in Noto Sans, embedded. Everything is buffered: a certificate is a page. */
export function renderCertificatePdf(c: CertificateContent, options: { compress?: boolean } = {}): Promise<Buffer> {
  const language = LABELS[new Intl.Locale(c.language).language] ? c.language : CERTIFICATE_FALLBACK_LANGUAGE;
  const l = labelsFor(language);
  const doc = new PDFDocument({ size: 'A4', margin: 72, compress: options.compress ?? true, lang: language, info: { Title: l.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const issuedOn = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${c.issuedOn}T00:00:00Z`));
  registerFaces(doc);

  write(doc, l.title, { size: 26, weight: 700, align: 'center' });
  doc.moveDown(2);
  write(doc, l.certifies, { size: 14, align: 'center' });
  doc.moveDown(0.5);
  write(doc, c.personName, { size: 20, weight: 700, align: 'center' });
  doc.moveDown(0.5);
  write(doc, l.activity, { size: 14, align: 'center' });
  doc.moveDown(0.5);
  write(doc, c.activityTitle, { size: 16, weight: 700, align: 'center' });
  doc.moveDown(2);
  write(doc, `${l.hours}: ${formatHours(c.attendedMinutes, language)}`, { size: 12 });
  write(doc, `${l.sessions}: ${c.attendedSessions}`, { size: 12 });
  write(doc, `${l.issuedOn}: ${issuedOn}`, { size: 12 });
  doc.moveDown(2);
  doc.fillColor('#555555');
  write(doc, `${l.reference} ${c.id}`, { size: 9 });
  doc.end();
  return done;
}
