// oidc-provider ships no type declarations; only the test identity provider uses it.
declare module 'oidc-provider' {
  const Provider: any;
  export const interactionPolicy: any;
  export default Provider;
}
