// CI's drift check: regenerates everything from openapi/ and fails when the committed output
// differs, printing the command that fixes it.
import { execSync } from 'node:child_process';

const generatedDirs = ['packages/sdk/src/generated'];
execSync('TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 pnpm turbo run generate --force --output-logs=errors-only', { stdio: 'inherit' });
const changed = execSync(`git status --porcelain -- ${generatedDirs.join(' ')}`, { encoding: 'utf8' }).trim();
if (changed !== '') {
  console.error('\nGenerated code is out of date with openapi/:');
  console.error(changed);
  console.error(execSync(`git --no-pager diff --stat -- ${generatedDirs.join(' ')}`, { encoding: 'utf8' }));
  console.error('Fix: run `pnpm generate` and commit the files under packages/sdk/src/generated/.');
  process.exit(1);
}
console.log('Generated code matches openapi/.');
