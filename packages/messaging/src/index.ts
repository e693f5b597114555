export * from './bus';
export { decodePayload, type ErrorEnvelope, encodePayload, toErrorEnvelope } from './codec';
export * from './errors';
export { createInProcessBus, type InProcessBusOptions } from './in-process';
export { connectNatsBus, NATS_ACK_WAIT_MS, type NatsBusOptions } from './nats';
export { subjectMatches } from './subjects';
