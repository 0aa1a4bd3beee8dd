/**
 * linli's import rules, checked by `npm run lint` (depcruise). Each rule says why it exists; a rule
 * that fails names the import that broke it. See "Code layout and rules" in README.md.
 */
const capabilities = ['campaigns', 'sos', 'calls', 'hotline'];
/** linli's own code, as opposed to node_modules. */
const ours = '^(src|test|bench|simulators|scripts|web)/|^[^/]+$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'asterisk-only-in-composition-roots',
      comment:
        'Only the Asterisk driver knows Asterisk. Everything else speaks the telephony port ' +
        '(src/telephony/call-control.ts). The driver is built by the composition roots only: ' +
        'src/app/platform.ts (startPlatform), bench/** and test/** (tests and test support may build it).',
      severity: 'error',
      from: {
        pathNot: ['^src/telephony/asterisk/', '^src/app/platform[.]ts$', '^bench/', '^test/'],
      },
      to: { path: '^src/telephony/asterisk/' },
    },
    {
      name: 'ami-client-only-in-driver',
      comment:
        'The AMI client package (asterisk-manager) is the driver’s own: only src/telephony/asterisk uses it.',
      severity: 'error',
      from: { pathNot: '^src/telephony/asterisk/' },
      to: { path: '(^|/)node_modules/asterisk-manager/' },
    },
    {
      name: 'port-knows-no-capability',
      comment:
        'The telephony port (src/telephony, its drivers included) is below every capability: it ' +
        'imports none of campaigns, sos, calls, directory, api, app, cli or main.',
      severity: 'error',
      from: { path: '^src/telephony/' },
      to: { path: '^src/(campaigns|sos|calls|directory|api|app|cli|main)/' },
    },
    ...capabilities.map((capability) => ({
      name: `${capability}-keeps-to-itself`,
      comment:
        `${capability} does not import another capability's internals. What one capability offers ` +
        'the others today: src/calls/place-call.ts (requestCall, PlaceCallData: one message-and-digit ' +
        "call, requested by campaigns' grid-worker notices and SOS inactivity checks) and " +
        "src/calls/call-recorder.ts (CallRecorder: SOS writes its calls' events into their Call rows). " +
        'Anything else is shared through src/telephony, src/speech, src/db, … or moved into one of those.',
      severity: 'error',
      from: { path: `^src/${capability}/` },
      to: {
        path: `^src/(${capabilities.filter((other) => other !== capability).join('|')})/`,
        pathNot: ['^src/calls/place-call[.]ts$', '^src/calls/call-recorder[.]ts$'],
      },
    })),
    {
      name: 'only-platform-types-from-app',
      comment:
        'src/app composes the capabilities; what lies below it sees only src/app/platform-types.ts ' +
        '(Platform, Capability). src/main starts a process from src/app; bench, test and simulators ' +
        'may start a platform too.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app/', '^src/main/'] },
      to: { path: '^src/app/', pathNot: '^src/app/platform-types[.]ts$' },
    },
    {
      name: 'no-imports-of-entry-points',
      comment:
        'src/main (the server process) and src/cli (the linli command) are entry points: nothing ' +
        'imports them but themselves. Tests may test the CLI; the village demo ' +
        '(simulators/demo/campaign-scene.ts) prints the CLI’s campaign progress line.',
      severity: 'error',
      from: { pathNot: ['^src/cli/', '^src/main/', '^test/', '^simulators/demo/campaign-scene[.]ts$'] },
      to: { path: '^src/(main|cli)/' },
    },
    {
      name: 'cli-and-main-are-apart',
      comment: 'src/main and src/cli are separate entry points and do not import each other.',
      severity: 'error',
      from: { path: '^src/(main|cli)/' },
      to: { path: '^src/(main|cli)/', pathNot: '^src/$1/' },
    },
    {
      name: 'domain-is-pure',
      comment:
        'src/**/domain/** is pure rules: no files, sockets, Redis, queues, database or HTTP. Its ' +
        'callers pass the facts in.',
      severity: 'error',
      from: { path: '^src/.+/domain/' },
      to: {
        path: [
          '^(node:)?(fs|fs/promises|net|tls|dgram|http|https|http2|child_process|cluster)$',
          '(^|/)node_modules/(ioredis|bullmq|pg|pg-[^/]+|prisma|@prisma|fastify|@fastify/[^/]+|fastify-[^/]+)/',
          '^src/(db|generated|queue|api)/',
        ],
      },
    },
    {
      name: 'web-is-apart',
      comment:
        'The web dashboard (web/) runs in the browser and talks to linli over HTTP only: it imports ' +
        'nothing of the server, and nothing of linli imports it (the API serves its build as files).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|test|bench|simulators|scripts)/' },
    },
    {
      name: 'nothing-imports-web',
      comment:
        'The dashboard is a separate build (npm run build:web), served as files under /app/. Only its ' +
        'tests import it (test/web: its pure rules).',
      severity: 'error',
      from: { pathNot: ['^web/', '^test/web/'] },
      to: { path: '^web/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: they make start-up order and the layering above unreadable.',
      severity: 'error',
      from: { path: ours },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment:
        'No file in src stands alone (imports nothing, imported by nothing) but the entry points ' +
        'src/main/serve.ts and src/cli/main.ts and type declarations. (knip finds files no entry ' +
        'point reaches.)',
      severity: 'error',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['^src/main/serve[.]ts$', '^src/cli/main[.]ts$', '[.]d[.]ts$', '^src/generated/'],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: { path: ours },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Prisma's generated client is a dependency like a package: checked as a target, never read.
    doNotFollow: { path: ['(^|/)node_modules/', '^src/generated/'] },
    exclude: { path: ['^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
      mainFields: ['main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
