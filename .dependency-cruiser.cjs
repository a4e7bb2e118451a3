/**
 * The import rules of ARCHITECTURE.md, checked by `npm test` (`npm run lint:imports`).
 * Layers: domain ← persistence ← services ← (resolvers, graphql, jobs, http); policies beside services;
 * config and infra at the edge. dependency-cruiser: https://github.com/sverweij/dependency-cruiser
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain decides; it imports nothing outside itself: no framework, no database, no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node:(crypto)$'] },
    },
    {
      name: 'services-use-repositories',
      comment: 'Services reach data through src/persistence/repositories only: never TypeORM, the SQLite or PostgreSQL engine work or the SQL helpers (src/persistence/sql.ts).',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: ['node_modules/typeorm/', '^src/persistence/(sqlite|postgres)/', '^src/persistence/sql\\.ts$'] },
    },
    {
      name: 'only-persistence-holds-sql',
      comment: 'TypeORM is imported only by src/persistence (entities, migrations, repositories, the engine) and the composition roots.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/persistence/', '^src/(app|server|main|cli)\\.ts$'] },
      to: { path: 'node_modules/typeorm/' },
    },
    {
      name: 'sqlite-engine-is-fenced',
      comment: 'Only src/persistence imports the SQLite engine work (src/persistence/sqlite).',
      severity: 'error',
      from: { pathNot: ['^src/persistence/', '^tests/', '^bench/'] },
      to: { path: '^src/persistence/sqlite/' },
    },
    {
      name: 'postgres-engine-is-fenced',
      comment: 'Only src/persistence imports the PostgreSQL engine work (src/persistence/postgres).',
      severity: 'error',
      from: { pathNot: ['^src/persistence/', '^tests/', '^bench/'] },
      to: { path: '^src/persistence/postgres/' },
    },
    {
      name: 'resolvers-call-services',
      comment: 'Resolvers and HTTP routes are thin: they never import repositories, the database or the engine (entity classes may name the shape of a row).',
      severity: 'error',
      from: { path: '^src/(resolvers|http)/' },
      to: { path: '^src/persistence/', pathNot: '^src/persistence/entities/' },
    },
    {
      name: 'jobs-call-services',
      comment: 'A job is its data type and one service call; only the outbox relay reads the outbox through its repository.',
      severity: 'error',
      from: { path: '^src/jobs/', pathNot: '^src/jobs/outbox-relay\\.ts$' },
      to: { path: '^src/persistence/(repositories|sqlite|postgres)/' },
    },
    {
      name: 'persistence-below-services',
      comment: 'src/persistence knows the domain and the policies\' SQL scopes, never the layers above it.',
      severity: 'error',
      from: { path: '^src/persistence/' },
      to: { path: '^src/(services|resolvers|graphql|jobs|http|schema|infra)/' },
    },
    {
      name: 'config-is-a-leaf',
      comment: 'src/config is environment parsing and the logger; it imports no other layer but the domain\'s vocabulary.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/(config|domain)/' },
    },
    {
      name: 'no-circular',
      comment: 'No module cycles.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No cycles between the folders of src (a layer never needs one above it).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
