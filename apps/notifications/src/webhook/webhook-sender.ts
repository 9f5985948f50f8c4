import { Injectable } from '@nestjs/common';

export type PostOutcome = { ok: true; status: number } | { ok: false; detail: string };

/**
 * POSTs one signed message. Only a 2xx counts as received; redirects are not followed (a receiver
 * that moved registers its new URL), and a receiver slower than the timeout counts as down.
 */
@Injectable()
export class WebhookSender {
  async post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'Intercity-Webhooks/1', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // What the receiver answered is not ours to keep; release the connection.
      await res.body?.cancel().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, detail: `HTTP ${res.status}` };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError') return { ok: false, detail: `no answer within ${timeoutMs} ms` };
      return { ok: false, detail: err.cause?.code ?? err.cause?.message ?? err.message };
    }
  }
}
