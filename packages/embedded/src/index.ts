export { demoCatalogue } from './demo-catalogue';
export { type Embedded, type EmbeddedOptions, startEmbedded } from './embedded';
