import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

/** Runs `linli ...` as a user would, as its own process, against the given database. */
export async function runLinli(
  databaseUrl: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AMI_SERVERS: 'ami://linli:secret@127.0.0.1:5038?name=local',
    LOG_LEVEL: 'silent',
  };
  try {
    const { stdout, stderr } = await run('node', ['-r', '@swc-node/register', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
