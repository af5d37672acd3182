import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the fakes of Slack's and Discord's APIs share: an HTTP server on a free loopback port that
 * hands each request to `handle` with its body read, and files served for download.
 */
export abstract class LocalApi {
  protected readonly files = new Map<string, Buffer>();
  protected server!: Server;

  protected static async listen<T extends LocalApi>(fake: T): Promise<T> {
    fake.server = createServer((req, res) => void fake.receive(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A file the fake serves for download at `path`; returns its URL. */
  serveFile(path: string, data: Buffer): string {
    this.files.set(path, data);
    return `${this.base}${path}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await this.handle(req, res, Buffer.concat(chunks));
  }
}
