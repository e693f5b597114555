/** oidc-provider ships no types (the tests use a small part of it, loosely typed). */
declare module 'oidc-provider' {
  // biome-ignore lint/suspicious/noExplicitAny: the package has no type declarations
  const Provider: any;
  // biome-ignore lint/suspicious/noExplicitAny: the package has no type declarations
  export const errors: any;
  export default Provider;
}
