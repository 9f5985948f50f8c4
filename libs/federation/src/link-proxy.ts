import { createServer, Server, Socket, connect } from 'node:net';

/**
 * The network between the city nodes and the hub's leaf port, as a TCP relay that knows which city
 * each connection is (the leaf connection's `CONNECT` names its user). `cut(city)` drops that
 * city's connections and refuses its new ones until `restore(city)`, while every NATS server keeps
 * running and serving its own clients, as when one city's line goes down.
 *
 * The hub advertises the relay's address as its leaf address, so a city never learns a way around
 * it, as in production, where the hub advertises its public address.
 */
export class LinkProxy {
  private server?: Server;
  private readonly links = new Map<string, Set<Socket>>();
  private readonly down = new Set<string>();
  private readonly taps = new Map<string, Set<LinkTap>>();

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }, port = 0): Promise<LinkProxy> {
    const proxy = new LinkProxy(target);
    await proxy.listen(port);
    return proxy;
  }

  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  isUp(city: string): boolean {
    return !this.down.has(city);
  }

  /** Cuts one city's link: its open connections are dropped and new ones refused. */
  cut(city: string): void {
    this.down.add(city);
    for (const s of this.links.get(city) ?? []) s.destroy();
    this.links.delete(city);
  }

  restore(city: string): void {
    this.down.delete(city);
  }

  /** Keeps what the hub sends one city from now on, to check what crossed its line. */
  tap(city: string): LinkTap {
    const taps = this.taps.get(city) ?? new Set<LinkTap>();
    this.taps.set(city, taps);
    const tap = new LinkTap(() => taps.delete(tap));
    taps.add(tap);
    return tap;
  }

  async stop(): Promise<void> {
    for (const sockets of this.links.values()) for (const s of sockets) s.destroy();
    this.links.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    const both = [client, upstream];
    for (const s of both) s.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    // The hub speaks first (INFO); the leaf then names itself in CONNECT.
    upstream.pipe(client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const city = userOf(head.subarray(0, end).toString());
      if (city === undefined || this.down.has(city)) {
        for (const s of both) s.destroy();
        return;
      }
      const sockets = this.links.get(city) ?? new Set<Socket>();
      this.links.set(city, sockets);
      for (const s of both) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      }
      upstream.on('data', (data: Buffer) => {
        for (const tap of this.taps.get(city) ?? []) tap.heard(data);
      });
      upstream.write(head);
      client.pipe(upstream);
    };
    client.on('data', onData);
  }

  private listen(port: number): Promise<void> {
    this.server = createServer((client) => this.relay(client));
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
  }
}

function userOf(line: string): string | undefined {
  if (!line.startsWith('CONNECT ')) return undefined;
  try {
    const user = (JSON.parse(line.slice('CONNECT '.length)) as { user?: unknown }).user;
    return typeof user === 'string' ? user : undefined;
  } catch {
    return undefined;
  }
}

/** What the hub sent a city while the tap was on. */
export class LinkTap {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly remove: () => void) {}

  heard(data: Buffer): void {
    this.chunks.push(data);
  }

  /** Whether the text crossed the line (as sent: NATS payloads travel as they are). */
  carried(text: string): boolean {
    return Buffer.concat(this.chunks).includes(text);
  }

  stop(): void {
    this.remove();
  }
}
