export * from './command-handler';
export * from './upcasting';
