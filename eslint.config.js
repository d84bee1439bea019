// One ESLint config for the whole monorepo: type-checked rules everywhere, plus the
// boundaries the README states: shared is runtime-neutral; the server's rooms are free of
// sockets; inside the client only src/net/ knows socket.io; bots and tools never reach into
// the server's internals.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The server's files behind its public entry: no bot or tool reaches in there. */
const SERVER_INTERNALS = [
  { group: ['@arena/server/*'], message: "Only @arena/server's public entry." },
  {
    regex: '(^|/)(apps/)?server/(src|dist)(/|$)',
    message: "Never import the server's files by path.",
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a const object and a derived union instead of enum.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // Keep disableTypeChecked's parser options (no project service for plain JavaScript).
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    // Rooms reach their members through RoomChannel and member ids, never through sockets:
    // a member may be connected to another process (apps/server/README.md).
    files: ['apps/server/src/rooms/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['socket.io', 'socket.io-adapter', '../socket/*'],
              message: 'rooms/ talks to members through RoomChannel, not socket.io.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared is runtime-neutral: no Node APIs.' },
            {
              group: ['phaser', 'socket.io', 'socket.io-client', 'fastify', 'ws'],
              message: 'shared is runtime-neutral.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'Buffer',
        'setTimeout',
        'setInterval',
        'Date',
      ],
    },
  },
  {
    files: ['apps/client/**/*.ts'],
    ignores: ['apps/client/src/net/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'socket.io-client',
              message: 'Only src/net/ talks to socket.io; use the GameConnection interface.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/bots/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@arena/server',
              message:
                'Only the soak (tools/soak) runs a server in-process; the rest reach one over the wire.',
            },
          ],
          patterns: SERVER_INTERNALS,
        },
      ],
    },
  },
  {
    // The soak runs a server in-process; the cluster bench starts its redis-server with the
    // server's launcher helper (its servers are processes of their own, reached over the wire).
    files: ['tools/soak/**/*.ts', 'tools/cluster-bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: SERVER_INTERNALS }] },
  },
  {
    // The conformance suite checks docs/PROTOCOL.md, so it knows the wire only from the page:
    // importing the shared codec or schemas would check the code against itself.
    files: ['tools/conformance/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@arena/server', message: 'The suite reaches a server over the wire.' }],
          patterns: [
            ...SERVER_INTERNALS,
            {
              group: ['@arena/shared', '@arena/shared/*'],
              message: 'Write what PROTOCOL.md says in protocol-facts.ts instead.',
            },
          ],
        },
      ],
    },
  },
);
