import mjml2html from 'mjml';

/**
 * The one e-mail layout every notification and digest shares: a header with the network's name,
 * the greeting, the body, the link as a button, and a footer saying why the recipient gets this
 * and where to change it. Written in MJML and turned into HTML once per variant (with or without
 * a button); the HTML is then a Handlebars template filled per e-mail, so MJML never runs per
 * recipient. `bodyHtml` is inserted raw: the caller builds it from escaped text.
 */
function source(withButton: boolean): string {
  const button = withButton
    ? `<mj-button href="{{link}}" align="left" background-color="#1f3a5f" color="#ffffff" font-size="15px" border-radius="4px" padding="8px 25px 0">{{open}}</mj-button>`
    : '';
  return `<mjml lang="{{lang}}">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2933" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section background-color="#1f3a5f" padding="12px 0">
      <mj-column>
        <mj-text color="#ffffff" font-size="18px" font-weight="bold">{{header}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="20px 0">
      <mj-column>
        <mj-text padding-bottom="0">{{greeting}}</mj-text>
        <mj-text>{{{bodyHtml}}}</mj-text>
        ${button}
      </mj-column>
    </mj-section>
    <mj-section padding="12px 0">
      <mj-column>
        <mj-text css-class="footer" font-size="12px" line-height="1.4" color="#6b7280">{{why}}<br />{{#if preferencesUrl}}<a href="{{preferencesUrl}}" style="color:#6b7280">{{preferences}}</a>{{else}}{{preferencesHint}}{{/if}}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/** What the layout prints; every value is text, escaped on the way in, except `bodyHtml`. */
export interface LayoutValues {
  lang: string;
  subject: string;
  preview: string;
  header: string;
  greeting: string;
  bodyHtml: string;
  link: string | null;
  open: string;
  why: string;
  preferencesUrl: string | null;
  preferences: string;
  preferencesHint: string;
}

/** The layout as MJML turns it into HTML, still holding its Handlebars placeholders. */
export async function layoutHtml(withButton: boolean): Promise<string> {
  const { html, errors } = await mjml2html(source(withButton), { validationLevel: 'strict', keepComments: false });
  if (errors.length > 0) throw new Error(`the MJML layout is invalid: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return html;
}
