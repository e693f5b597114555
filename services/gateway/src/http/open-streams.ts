import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/**
 * The streams the gateway holds open (the live notices, the monitoring feed): ended when it shuts down,
 * since an open response would hold the HTTP server's close for as long as the client stays.
 */
@Injectable()
export class OpenStreams implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  /** Keeps `end` to call at shutdown; the function returned forgets it (the stream ended on its own). */
  track(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }

  onModuleDestroy(): void {
    for (const end of [...this.open]) end();
    this.open.clear();
  }
}
