export { connectNatsBus, NATS_ACK_WAIT_MS, type NatsBusOptions } from './bus';
