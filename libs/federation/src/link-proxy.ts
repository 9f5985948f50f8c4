import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A TCP relay standing for the network between a city and the hub: `cut()` drops every
 * connection through it and refuses new ones until `restore()`, while both NATS servers keep
 * running and serving their own clients, as when a city's line goes down.
 */
export class LinkProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private up = true;

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }, port = 0): Promise<LinkProxy> {
    const proxy = new LinkProxy(port, target);
    await proxy.listen(port);
    return proxy;
  }

  get isUp(): boolean {
    return this.up;
  }

  /** Cuts the link: open connections are dropped and new ones refused. */
  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.up = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private listen(port: number): Promise<void> {
    this.server = createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return new Promise((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => {
        const address = this.server!.address();
        (this as { port: number }).port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }
}
