export { connectNatsBus, type NatsBusOptions } from './bus';
