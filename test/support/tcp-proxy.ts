import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 that a test can break the way a dependency breaks: `pause()` holds
 * every byte, as a stopped (SIGSTOP) server does; `cut()` drops every connection and refuses new
 * ones, as a killed server does. Only the processes pointed at it feel it, so the shared
 * PostgreSQL other suites use stays up.
 */
export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private server: Server | null = null;
  private paused = false;

  private constructor(
    private readonly targetPort: number,
    public port = 0,
  ) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await proxy.listen();
    return proxy;
  }

  /** Holds all traffic, in and out, on open and new connections, until `resume()`. */
  pause(): void {
    this.paused = true;
    for (const pair of this.pairs) hold(pair);
  }

  resume(): void {
    this.paused = false;
    for (const pair of this.pairs) flow(pair);
  }

  /** Resets every connection and stops listening: connecting is refused until `restore()`. */
  async cut(): Promise<void> {
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  restore(): Promise<void> {
    return this.listen();
  }

  async close(): Promise<void> {
    this.resume();
    await this.cut();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.forward(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private forward(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    if (this.paused) hold(pair);
    else flow(pair);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}

/** Unpiped and paused: a pipe resumes a source it drains into, so pausing alone would leak bytes. */
function hold([client, upstream]: [Socket, Socket]): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}

function flow([client, upstream]: [Socket, Socket]): void {
  client.pipe(upstream);
  upstream.pipe(client);
}
