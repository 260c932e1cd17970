// Keeps the office-addin-* tools from sending usage data, offline and without prompts.
// office-addin-usage-data 2.1+ and 3.x send nothing at all (their reporting is a no-op), but older
// copies read ~/office-addin-usage-data.json; writing "off" there is what `office-addin-usage-data
// off` does, so any older copy pulled in by a tool stays silent and never prompts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const file = join(homedir(), 'office-addin-usage-data.json');
let data = {};
try { if (existsSync(file)) data = JSON.parse(readFileSync(file, 'utf8')); } catch { data = {}; }
data.usageDataInstances ??= {};
for (const group of ['office-addin-usage-data', 'office-addin-manifest', 'office-addin-dev-certs', 'office-addin-debugging']) {
  data.usageDataInstances[group] = { ...(data.usageDataInstances[group] ?? {}), usageDataLevel: 'off' };
}
try { writeFileSync(file, JSON.stringify(data, null, 2)); } catch { /* read-only home: the current tools send nothing anyway */ }
