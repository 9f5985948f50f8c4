import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  /** The `webhook-id` header: the delivery id. */
  id: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  payload: unknown;
}

/**
 * A webhook receiver as a real integration would write one: verifies each request's signature
 * with the Standard Webhooks library and the secret of its path, keeps each message id once (so
 * a repeat shows as a second hit, not a second message), and can be down (closed, or answering
 * 503) for a while, then back on the same port.
 */
export class WebhookReceiver {
  /** Verified messages, each id once, in the order they first arrived. */
  readonly received: ReceivedWebhook[] = [];
  /** Every request that verified, repeats included, per message id. */
  readonly hits = new Map<string, number>();
  /** Requests whose signature did not verify. */
  readonly rejected: { path: string; reason: string }[] = [];
  /** While true, answers 503 without looking at the request. */
  unavailable = false;
  private readonly secrets = new Map<string, string>();
  private server?: Server;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.unavailable) return void res.writeHead(503).end();
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const secret = this.secrets.get(path);
        try {
          if (!secret) throw new Error(`no secret for ${path}`);
          const payload = new Webhook(secret).verify(body, req.headers as Record<string, string>);
          const id = String(req.headers['webhook-id']);
          this.hits.set(id, (this.hits.get(id) ?? 0) + 1);
          if (this.hits.get(id) === 1) this.received.push({ id, path, headers: req.headers, body, payload });
          res.writeHead(204).end();
        } catch (e) {
          this.rejected.push({ path, reason: (e as Error).message });
          res.writeHead(400).end();
        }
      });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
  }

  /** Down: the port refuses connections until `start` again (on the same port). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The secret the endpoint at `path` signs with (as the registration answered it). */
  trust(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  messagesTo(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }
}
