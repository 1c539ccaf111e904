// The rules core compiled to wasm32 (pkg/, built by scripts/build-widget.sh) must give reports
// byte-identical to the native sen-check (target/release/sen-check) for every fixture under
// every built-in profile and every test profile file.
// Run from the repository root: node tests/wasm/parity.mjs
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { initSync, check_application } from '../../pkg/sen_support_form.js';

const TODAY = '2025-04-30';
const BUILTINS = ['stockton-one-point', 'croydon-lss', 'tees-sen-support-plan', 'ehcna-request'];
const dir = 'tests/fixtures';

initSync({ module: fs.readFileSync('pkg/sen_support_form_bg.wasm') });

function native(file, profileArgs) {
  const r = spawnSync('target/release/sen-check', ['--json', ...profileArgs, '--today', TODAY, file], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixtures = fs.readdirSync(path.join(dir, 'scenarios')).filter((f) => /^S\d\d-.*\.json$/.test(f)).sort();
if (fixtures.length === 0) {
  console.error('parity: no fixtures found');
  process.exit(1);
}
const profileFiles = fs.readdirSync(path.join(dir, 'profiles')).filter((f) => f.endsWith('.json')).sort();
const profiles = [
  ...BUILTINS.map((id) => ({ label: id, args: ['--profile', id], wasm: id })),
  ...profileFiles.map((f) => {
    const p = path.join(dir, 'profiles', f);
    return { label: f, args: ['--profile-file', p], wasm: fs.readFileSync(p, 'utf8') };
  }),
];

let same = 0;
const differences = [];
for (const f of fixtures) {
  const file = path.join(dir, 'scenarios', f);
  const doc = fs.readFileSync(file, 'utf8');
  for (const p of profiles) {
    const n = native(file, p.args);
    const w = check_application(doc, p.wasm, TODAY);
    if (n.status === 2) {
      if (!w.includes('"error"')) differences.push(`${f} under ${p.label}: native failed (${n.stderr.trim()}) but wasm did not`);
      else same++;
      continue;
    }
    if (n.status !== 0 && n.status !== 1) {
      differences.push(`${f} under ${p.label}: sen-check exited ${n.status}: ${n.stderr}`);
    } else if (n.stdout !== w) {
      const a = n.stdout.split('\n');
      const b = w.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      differences.push(`${f} under ${p.label}: first difference at line ${i + 1}\n  native: ${a[i]}\n  wasm:   ${b[i]}`);
    } else {
      same++;
    }
  }
}
if (differences.length > 0) {
  console.error(`parity: ${differences.length} differences\n${differences.join('\n')}`);
  process.exit(1);
}
console.log(`parity: ${same} reports identical natively and in wasm32 (${fixtures.length} fixtures x ${profiles.length} profiles)`);
