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
 * Renders the certificate with PDFKit's standard fonts (WinAnsi, enough for the template's
 * western European languages). Everything is buffered: a certificate is a page.
 */
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

  doc.font('Helvetica-Bold').fontSize(26).text(l.title, { align: 'center' }).moveDown(2);
  doc.font('Helvetica').fontSize(14).text(l.certifies, { align: 'center' }).moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(20).text(c.personName, { align: 'center' }).moveDown(0.5);
  doc.font('Helvetica').fontSize(14).text(l.activity, { align: 'center' }).moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(16).text(c.activityTitle, { align: 'center' }).moveDown(2);
  doc.font('Helvetica').fontSize(12);
  doc.text(`${l.hours}: ${formatHours(c.attendedMinutes, language)}`);
  doc.text(`${l.sessions}: ${c.attendedSessions}`);
  doc.text(`${l.issuedOn}: ${issuedOn}`).moveDown(2);
  doc.fontSize(9).fillColor('#555555').text(`${l.reference} ${c.id}`);
  doc.end();
  return done;
}
