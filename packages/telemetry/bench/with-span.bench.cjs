// What withSpan costs on a command's hot path, per exporter mode, against a plain async call measured
// in the same run. A script over the build rather than `vitest bench`, whose suite hooks did not give
// each mode its own provider. Run: npm run build && node bench/with-span.bench.cjs
const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const telemetry = require('../dist');

const work = async () => 1;
const command = () =>
  telemetry.withSpan('intake.cmd.submit', { attributes: { 'docket.service': 'intake' } }, work);
const remote = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

/** Median over 5 runs of the mean time per call, in ns. */
async function median(fn, calls = 200_000) {
  const runs = [];
  for (let run = 0; run < 5; run++) {
    for (let i = 0; i < 20_000; i++) await fn();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await fn();
    runs.push(Number(process.hrtime.bigint() - start) / calls);
  }
  return runs.sort((a, b) => a - b)[2];
}

async function main() {
  const rows = [];
  const baseline = await median(work);
  rows.push(['plain async call', baseline]);
  rows.push(['withSpan, telemetry not started', await median(command)]);

  telemetry.startTelemetry({ serviceName: 'bench', exporter: 'none' });
  rows.push(['withSpan, exporter none', await median(command)]);
  rows.push([
    'withRemoteContext (per incoming message)',
    await median(() => telemetry.withRemoteContext(remote, work)),
  ]);
  await telemetry.resetTelemetryForTests();

  // The otlp mode's shape (BatchSpanProcessor) with an exporter that discards: the recording cost alone.
  const discard = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => undefined };
  const provider = new NodeTracerProvider({
    spanProcessors: [new BatchSpanProcessor(discard, { maxQueueSize: 100_000, scheduledDelayMillis: 100 })],
  });
  provider.register({ contextManager: new AsyncLocalStorageContextManager() });
  rows.push(['withSpan, recording, batch processor', await median(command)]);
  await provider.shutdown();

  for (const [name, ns] of rows) {
    console.log(`${name.padEnd(44)} ${ns.toFixed(0).padStart(6)} ns   ×${(ns / baseline).toFixed(1)}`);
  }
}

void main();
