// graphql-ws publishes `graphql-ws/use/ws` through package.json "exports" only, which
// TypeScript's "node" module resolution (tsconfig) does not read; Node's require does.
// This points the types at the file that "exports" names.
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
