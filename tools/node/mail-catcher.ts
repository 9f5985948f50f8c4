import http from 'node:http';
import { CaughtMessage, startSmtpSink } from '../../apps/notifications/test/support/smtp-sink';

/**
 * The demo's mail catcher: an SMTP server (MAIL_CATCHER_SMTP_PORT, 1025) that keeps every e-mail
 * the node sends in memory, and a page (MAIL_CATCHER_HTTP_PORT, 8025) listing them, each one's
 * HTML and text viewable; `GET /messages.json` gives them all. `npm start` runs it unless
 * NOTIFICATIONS_SMTP_URL names a real relay. Nothing leaves the machine.
 */
const host = process.env.MAIL_CATCHER_HOST ?? '127.0.0.1';
const smtpPort = Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025);
const httpPort = Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 8025);

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function listPage(messages: readonly CaughtMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `<tr><td>${escape(m.receivedAt.toISOString())}</td><td>${escape(m.from)}</td><td>${escape(m.to)}</td>
        <td>${escape(m.subject)}</td><td><a href="/messages/${m.seq}">HTML</a> · <a href="/messages/${m.seq}.txt">text</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Intercity mail catcher</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}</style></head>
<body><h1>Intercity mail catcher</h1><p>${messages.length} e-mail(s) caught on smtp://${escape(host)}:${smtpPort}, newest first. <a href="/messages.json">JSON</a></p>
<table><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th></th></tr>${rows}</table></body></html>`;
}

async function main() {
  const sink = await startSmtpSink({ host, port: smtpPort });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://catcher');
    const send = (status: number, type: string, body: string, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, ...headers });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'only GET\n');
    if (url.pathname === '/') return send(200, 'text/html', listPage(sink.messages));
    if (url.pathname === '/messages.json') return send(200, 'application/json', JSON.stringify(sink.messages, null, 2));
    const match = /^\/messages\/(\d+)(\.txt)?$/.exec(url.pathname);
    const message = match && sink.messages.find((m) => m.seq === Number(match[1]));
    if (!match || !message) return send(404, 'text/plain', 'no such message\n');
    if (match[2] || message.html === undefined) return send(200, 'text/plain', message.text ?? '');
    // The e-mail's own HTML, with no scripts and nothing fetched from elsewhere.
    return send(200, 'text/html', message.html, { 'content-security-policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'" });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(httpPort, host, resolve);
  });
  console.log(`mail catcher: SMTP on ${sink.url}, messages at http://${host}:${httpPort}`);
  const stop = () => {
    server.close();
    void sink.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: NodeJS.ErrnoException) => {
  const hint = e.code === 'EADDRINUSE' ? ' (set MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT, or NOTIFICATIONS_SMTP_URL to use your own relay)' : '';
  console.error(`mail catcher: ${e.message}${hint}`);
  process.exit(1);
});
