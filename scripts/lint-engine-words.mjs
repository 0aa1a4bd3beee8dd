#!/usr/bin/env node
// Only the Asterisk driver (src/telephony/asterisk/) knows the dialplan's contexts, its LINLI_*
// channel variables, its Linli* user events and the AMI client's classes. This fails (exit 1) when
// any other file under src/ names one of them, in code, strings or comments alike: the rest of linli
// speaks the telephony port's words (verbs, call events, engine-neutral errors). Run by `npm run lint`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const driver = 'src/telephony/asterisk/';
/** Not the driver's words: generated code, and the typing of the AMI client package only the driver imports. */
const skipped = ['src/generated/', 'src/types/asterisk-manager.d.ts'];

/** linli's own environment variables share the LINLI_ prefix with the dialplan's channel variables. */
const environmentVariables = new Set([
  'LINLI_ADMIN_TOKEN',
  'LINLI_API_TOKEN',
  'LINLI_API_URL',
  'LINLI_ASTERISK_ROOT',
  'LINLI_MEDIA_DIR',
  'LINLI_PSTN_PORT',
  'LINLI_REQUIRE_STACK',
]);

function filesUnder(dir) {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(path);
    return /\.(ts|js|mjs|cjs|json)$/.test(entry.name) ? [path] : [];
  });
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The dialplan's contexts, as dialplans/extensions.conf names them.
const contexts = [
  ...readFileSync(join(root, 'dialplans/extensions.conf'), 'utf8').matchAll(/^\[([\w-]+)\]/gm),
]
  .map((match) => match[1])
  .filter((name) => name !== 'general' && name !== 'globals');
// The AMI classes and types the driver declares (AmiConnection, AmiActionError, AmiMessage, …).
const amiNames = new Set(
  filesUnder(driver.slice(0, -1)).flatMap((file) =>
    [
      ...readFileSync(join(root, file), 'utf8').matchAll(
        /\bexport\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|enum|const|function)\s+(Ami\w*)/g,
      ),
    ].map((match) => match[1]),
  ),
);

const checks = [
  {
    what: 'dialplan context',
    pattern: new RegExp(`(?<![\\w-])(?:${contexts.map(escape).join('|')})(?![\\w-])`, 'g'),
  },
  { what: 'dialplan variable', pattern: /\bLINLI_[A-Z0-9_]+\b/g, allowed: environmentVariables },
  { what: 'dialplan user event', pattern: /\bLinli[A-Z]\w*/g },
  {
    what: 'AMI class',
    pattern: new RegExp(`\\b(?:${[...amiNames].map(escape).join('|') || '(?!)'})\\b`, 'g'),
  },
];

const problems = [];
for (const file of filesUnder('src')) {
  if (file.startsWith(driver) || skipped.some((skip) => file.startsWith(skip))) continue;
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    for (const { what, pattern, allowed } of checks) {
      for (const match of line.matchAll(pattern)) {
        if (allowed?.has(match[0])) continue;
        problems.push(`${file}:${index + 1}:${match.index + 1}  ${what} ${match[0]}`);
      }
    }
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(
    `\n${problems.length} engine word(s) outside ${driver}: say it in the telephony port's terms ` +
      `(verbs, call events, errors of src/telephony/errors), or move the code into the driver. ` +
      `A new LINLI_* environment variable goes in the list in ${relative(root, fileURLToPath(import.meta.url))
        .split(sep)
        .join('/')}.`,
  );
  process.exit(1);
}
console.log(
  `engine words: none outside ${driver} (${contexts.length} contexts, ${amiNames.size} AMI names checked)`,
);
