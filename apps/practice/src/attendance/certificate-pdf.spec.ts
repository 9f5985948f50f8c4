import { pdfText } from '../../test/support/pdf-text';
import { CertificateContent, fontRuns, renderCertificatePdf, subsetFor } from './certificate-pdf';

const content = (personName: string, fields: Partial<CertificateContent> = {}): CertificateContent => ({
  id: '0190a1b2-0000-7000-8000-000000000800',
  language: 'en',
  personName,
  activityTitle: 'ECCIPA integration champions training',
  attendedMinutes: 7200,
  attendedSessions: 30,
  issuedOn: '2024-07-01',
  ...fields,
});

describe('certificate PDFs', () => {
  it.each([
    ['Greek', 'Σοφία Παπαδοπούλου'],
    ['Cyrillic', 'Олена Коваленко'],
    ['Latin Extended', 'Łukasz Żółć'],
    ['Vietnamese', 'Nguyễn Thị Minh Khai'],
    ['Latin', 'Françoise Müller-Ødegård'],
  ])('print a %s name as its own letters, in an embedded Noto Sans', async (_script, name) => {
    const { text, drawn } = pdfText(await renderCertificatePdf(content(name)));

    expect(text.split('\n')).toContain(name);
    expect(text).toContain('Certificate of attendance');
    // PDFKit's standard fonts are neither embedded nor able to draw these letters.
    expect(drawn.length).toBeGreaterThan(0);
    for (const d of drawn) expect(d).toMatchObject({ font: expect.stringMatching(/^[A-Z]{6}\+NotoSans-(Regular|Bold)$/), embedded: true });
  });

  it('mixes scripts within a line and keeps the template in the person’s language', async () => {
    const { text } = pdfText(await renderCertificatePdf(content('Anna Σοφία Олена Łukasz', { language: 'de', activityTitle: 'Πρόγραμμα κατάρτισης 120 ωρών' })));

    expect(text).toContain('Anna Σοφία Олена Łukasz');
    expect(text).toContain('Πρόγραμμα κατάρτισης 120 ωρών');
    expect(text).toContain('Teilnahmebescheinigung');
    expect(text).toContain('Besuchte Stunden: 120');
  });

  it('wraps a long title within the page, each line centred in one piece', async () => {
    const title = Array.from({ length: 12 }, (_, i) => `Συνεδρία ${i + 1}`).join(' ');
    const { text } = pdfText(await renderCertificatePdf(content('Σοφία', { activityTitle: title })));

    const lines = text.split('\n').filter((l) => l.length > 0 && title.includes(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(title);
  });

  it('cuts text into runs of one font subset, spaces staying in their run', () => {
    expect(fontRuns('Σοφία Παπαδοπούλου')).toEqual([{ subset: 'greek', text: 'Σοφία Παπαδοπούλου' }]);
    expect(fontRuns('Łukasz Żółć')).toEqual([
      { subset: 'latin-ext', text: 'Ł' },
      { subset: 'latin', text: 'ukasz ' },
      { subset: 'latin-ext', text: 'Ż' },
      { subset: 'latin', text: 'ó' },
      { subset: 'latin-ext', text: 'łć' },
    ]);
    // Decomposed input (e + combining marks) is composed first, so it finds the precomposed glyph.
    expect(fontRuns('Nguye\u0302\u0303n').map((r) => r.text).join('')).toBe('Nguyễn');
  });

  it('still issues a PDF for a script Noto Sans is not embedded for (Arabic), the other letters intact', async () => {
    expect(subsetFor('م'.codePointAt(0) ?? 0)).toBeNull();
    const pdf = await renderCertificatePdf(content('Ana مريم'));

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = pdfText(pdf);
    expect(text).toContain('Certificate of attendance');
    expect(text).toContain('Ana ');
  });
});
