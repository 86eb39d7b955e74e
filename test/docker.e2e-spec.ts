import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, printed, Proc, ROOT, runNode, waitFor } from './support/processes';
import { createTestDatabase } from './setup/test-databases';

const DOCKER = join(ROOT, 'docker');
const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');

/** The instructions of one stage of the Dockerfile (continuation lines joined). */
function stage(name: string): { instruction: string; args: string }[] {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ');
  const stages = joined.split(/^FROM /m).slice(1);
  const body = stages.find((s) => s.split('\n')[0].includes(` AS ${name}`));
  if (!body) throw new Error(`no stage ${name}`);
  return body
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ instruction: l.split(/\s+/)[0], args: l.slice(l.split(/\s+/)[0].length).trim() }));
}

/**
 * No Docker engine runs here: the compose file is validated by docker-compose itself, and the
 * image's build stage is reproduced with the same files and commands, then its two commands run.
 */
describe('docker', () => {
  it('has a compose file that docker-compose accepts, with the services production needs', () => {
    const env = { ...process.env, JWT_SECRET: 'x'.repeat(48) };
    const check = spawnSync('docker-compose', ['-f', join(DOCKER, 'docker-compose.yml'), 'config', '-q'], { env, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const config = execFileSync('docker-compose', ['-f', join(DOCKER, 'docker-compose.yml'), 'config'], { env, encoding: 'utf8' });
    for (const service of ['postgres', 'redis', 'api-1', 'api-2', 'worker', 'proxy', 'mailcatcher']) expect(config).toMatch(new RegExp(`^  ${service}:$`, 'm'));
    // Redis keeps the queues across a restart (AOF) and never evicts a job to make room.
    expect(config).toMatch(/- --appendonly\n\s*- "yes"/);
    expect(config).toMatch(/- --maxmemory-policy\n\s*- noeviction/);
    expect(config).toMatch(/worker:[\s\S]*command:\s*\n\s*- node\n\s*- dist\/worker\.js/);
    expect(config.match(/WORKERS: 'off'|WORKERS: "off"|WORKERS: off/g)?.length).toBe(2);
    // Without the secret, compose refuses to start rather than run with a weak default.
    const missing = spawnSync('docker-compose', ['-f', join(DOCKER, 'docker-compose.yml'), 'config', '-q'], {
      env: { ...process.env, JWT_SECRET: '' },
      encoding: 'utf8',
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('JWT_SECRET');
  });

  it('builds and runs like the image: the build stage’s files and command, then both containers’ commands', async () => {
    const build = stage('build');
    const runtime = stage('runtime');
    // The commands the image runs are the ones developers and CI run.
    expect(build.filter((i) => i.instruction === 'RUN').map((i) => i.args)).toEqual(['npm ci --no-audit --no-fund', 'npm run build && npm prune --omit=dev']);
    expect(runtime.find((i) => i.instruction === 'CMD')?.args).toBe('["node", "dist/main.js"]');
    expect(runtime.find((i) => i.instruction === 'USER')?.args).toBe('node');
    expect(runtime.some((i) => i.instruction === 'HEALTHCHECK' && i.args.includes('/api/health'))).toBe(true);
    expect(runtime.find((i) => i.instruction === 'RUN')?.args).toContain('--no-install-recommends chromium fonts-croscore');

    const dir = mkdtempSync(join(tmpdir(), 'duthao-image-'));
    const procs: Proc[] = [];
    try {
      // COPY of the build stage: exactly those paths, nothing else of the working tree.
      for (const copy of build.filter((i) => i.instruction === 'COPY')) {
        const paths = copy.args.split(/\s+/).slice(0, -1);
        for (const p of paths) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: 'pipe' });
      // COPY of the runtime stage from outside the build: templates and package.json.
      for (const copy of runtime.filter((i) => i.instruction === 'COPY' && !i.args.includes('--from'))) {
        const [src] = copy.args.replace(/--chown=\S+\s*/, '').split(/\s+/);
        cpSync(join(ROOT, src), join(dir, src), { recursive: true });
      }

      const port = await freePort();
      const env = {
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: await createTestDatabase(),
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `duthao-image-${port}`,
        JWT_SECRET: 'image-test-secret-0123456789-0123456789',
        WORKERS: 'off',
        LOG_LEVEL: 'warn',
      };
      const api = runNode('main.js', env, [], dir);
      procs.push(api);
      await waitFor(`http://127.0.0.1:${port}/api/health`, api);
      const login = await fetch(`http://127.0.0.1:${port}/login`);
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('Đăng nhập');
      expect((await fetch(`http://127.0.0.1:${port}/assets/app.css`)).status).toBe(200);
      const worker = runNode('worker.js', { ...env, LOG_LEVEL: 'info' }, [], dir);
      procs.push(worker);
      // Stopped the moment it is up, while its Redis connections are still being set up.
      await printed(worker, 'duthao worker is running');
      for (const p of procs) p.child.kill('SIGTERM');
      for (const p of procs) expect(await p.exited).toBe(0);
    } finally {
      for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
